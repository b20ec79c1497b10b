import machine

LIMIT = const(10)
count = 0


def helper(x):
    inner = x
    return inner


def tick(step):
    total = step + 1
    <|>
# --- completion
# step (Variable)
# total (Variable)
# machine (Module)
# LIMIT (Constant)
# count (Variable)
# helper (Function)
# tick (Function)
# ...
# const (Function)
# uint (Class)
# ptr (Class)
# ptr8 (Class)
# ptr16 (Class)
# ptr32 (Class)
# False (Keyword)
# None (Keyword)
# True (Keyword)
# and (Keyword)
# as (Keyword)
# assert (Keyword)
# async (Keyword)
# await (Keyword)
# break (Keyword)
# class (Keyword)
# continue (Keyword)
# def (Keyword)
# del (Keyword)
# elif (Keyword)
# else (Keyword)
# except (Keyword)
# finally (Keyword)
# for (Keyword)
# from (Keyword)
# global (Keyword)
# if (Keyword)
# import (Keyword)
# in (Keyword)
# is (Keyword)
# lambda (Keyword)
# nonlocal (Keyword)
# not (Keyword)
# or (Keyword)
# pass (Keyword)
# raise (Keyword)
# return (Keyword)
# try (Keyword)
# while (Keyword)
# with (Keyword)
# yield (Keyword)
# --- completion excludes
# x
# inner
