"""Arrow arrays and scalars built from Python values without pyarrow's own converter.

``pa.array([...])``, ``pa.scalar(...)``, a plain ``4`` or ``"-01"`` passed to a compute function, and
``Table.group_by`` all import pandas when it is installed (pyarrow checks whether the value is a pandas
object): 0.2 to 0.6 s that the validator, which never uses pandas, must not pay. These build the few
constants the typing engine needs from raw buffers instead.
"""
from __future__ import annotations

import struct
from typing import Sequence

import pyarrow as pa
import pyarrow.compute as pc


def strings(values: Sequence[str]) -> pa.Array:
    data = [value.encode("utf-8") for value in values]
    offsets = [0]
    for item in data:
        offsets.append(offsets[-1] + len(item))
    return pa.Array.from_buffers(pa.string(), len(data), [None, pa.py_buffer(struct.pack(f"<{len(offsets)}i", *offsets)),
                                                          pa.py_buffer(b"".join(data))])


def text(value: str) -> pa.Scalar:
    return strings([value])[0]


def int32(value: int) -> pa.Scalar:
    return pa.Array.from_buffers(pa.int32(), 1, [None, pa.py_buffer(struct.pack("<i", value))])[0]


def zeros(length: int) -> pa.Array:
    """``length`` int32 zeros (to repeat a value with ``take``)."""
    return pa.Array.from_buffers(pa.int32(), length, [None, pa.py_buffer(bytes(4 * length))])


NULL_TEXT = pa.nulls(1, pa.string())[0]
NULL_BOOL = pa.nulls(1, pa.bool_())[0]
NULL_DATE = pa.nulls(1, pa.date32())[0]
TRUE = pc.is_null(pa.nulls(1, pa.string()))[0]
FALSE = pc.is_valid(pa.nulls(1, pa.string()))[0]
EMPTY_CODES = pa.nulls(0, pa.int32())
