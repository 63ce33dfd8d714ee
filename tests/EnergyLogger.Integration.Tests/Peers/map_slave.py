#!/usr/bin/python3
"""A MODBUS RTU slave that serves a register image given as a file (pymodbus 3.0).

  --serial PATH[:BAUD]   the tty or pty to serve on
  --image FILE           JSON: {"slave": 1, "holding": {"0": [w0, w1, ...], "10000": [...]},
                                "input": {...}, "coils": {...}, "discrete": {...}}
Each block starts at its (0-based PDU) address; only addresses inside a block exist, and a read that
touches any other address is answered with exception 02, as a real inverter answers for a hole in its
map. When it listens it prints "READY", and it exits when its standard input closes, so it never
outlives the test run that started it. The image is written by RegisterImage.cs in the test project.
"""

import argparse
import asyncio
import json
import logging
import os
import sys
import threading

from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
from pymodbus.server.async_io import ModbusSerialServer
from pymodbus.transaction import ModbusRtuFramer


def block(blocks, as_bits):
    values = {}
    for start, words in (blocks or {}).items():
        for i, word in enumerate(words):
            values[int(start) + i] = bool(word) if as_bits else int(word)
    return ModbusSparseDataBlock(values)


def build_context(image):
    slave = ModbusSlaveContext(
        co=block(image.get("coils"), True),
        di=block(image.get("discrete"), True),
        hr=block(image.get("holding"), False),
        ir=block(image.get("input"), False),
        zero_mode=True,  # PDU address N is element N, as the protocol says
    )
    return ModbusServerContext(slaves={image["slave"]: slave}, single=False)


async def main(args):
    with open(args.image, encoding="utf-8") as file:
        context = build_context(json.load(file))
    path, _, baud = args.serial.partition(":")
    server = ModbusSerialServer(context, framer=ModbusRtuFramer, port=path,
                                baudrate=int(baud or 9600), ignore_missing_slaves=True)
    await server.start()
    if server.transport is None:
        raise SystemExit(f"cannot open {path}")
    print("READY", flush=True)
    await server.serve_forever()


def exit_when_stdin_closes():
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--serial", required=True)
    parser.add_argument("--image", required=True)
    logging.basicConfig(level=logging.CRITICAL)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    asyncio.run(main(parser.parse_args()))
