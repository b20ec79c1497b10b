# A pointer immediate can't be boxed (N2): store it in a local first.
import micropython

@micropython.viper
def f(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = 1
    print(ptr(1))


@micropython.viper
def near_miss(o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32):
    x = ptr(1)
    print(x)
    return


# --- expect
# 7:11-7:17 error viper-conversion-to-object: NotImplementedError: conversion to object
