#!/usr/bin/env python3
"""Prints the ISO 6346 container number for OWNER+SERIAL (e.g. GLNU123456 -> GLNU1234565):
the demo makes a container of its own each run, so its readings arrive after its declaration."""
import string
import sys

# Letter values skip multiples of 11 (A=10, B=12, ... Z=38).
values = {}
value = 10
for letter in string.ascii_uppercase:
    if value % 11 == 0:
        value += 1
    values[letter] = value
    value += 1

code = sys.argv[1]
total = sum((values[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(code))
print(code + str(total % 11 % 10))
