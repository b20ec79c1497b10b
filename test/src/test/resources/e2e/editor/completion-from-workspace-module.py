from mylib import <|>
# --- file mylib.py
# """Helpers."""
# from machine import Pin
#
# RATE = 10
#
#
# def helper(x):
#     return 2 * x
#
#
# class Filter:
#     pass
# --- completion
# RATE (Constant)
# helper (Function)
# Filter (Class)
