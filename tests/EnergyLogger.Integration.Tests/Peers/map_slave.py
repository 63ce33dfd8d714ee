#!/usr/bin/python3
"""A MODBUS RTU slave that serves a register image given as a file (pymodbus 3.0).

  --serial PATH[:BAUD]   the tty or pty to serve on (RTU), or
  --tcp                  MODBUS TCP (MBAP) on a free loopback port
  --log FILE             optional: one line per request that reaches the slave's registers,
                         "MS validate FC ADDRESS COUNT" and, for writes, "MS set FC ADDRESS V1,V2,..."
                         (MS: monotonic milliseconds), so a test can tell what went on the bus and when
  --image FILE           JSON: {"slave": 1, "holding": {"0": [w0, w1, ...], "10000": [...]},
                                "input": {...}, "coils": {...}, "discrete": {...}}
                         repeatable: each image is one unit id, as a gateway such as a Victron GX
                         serves one service per unit id
Each block starts at its (0-based PDU) address; only addresses inside a block exist, and a read that
touches any other address is answered with exception 02, as a real inverter answers for a hole in its
map. When it listens it prints "READY" (RTU) or "READY tcp=PORT", and it exits when its standard input
closes, so it never outlives the test run that started it. The images are written by RegisterImage.cs
in the test project.
"""

import argparse
import asyncio
import json
import logging
import os
import sys
import threading
import time

from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
from pymodbus.server.async_io import ModbusSerialServer, ModbusTcpServer

from shared_bus import SharedBusRtuFramer, SharedBusSocketFramer


def block(blocks, as_bits):
    values = {}
    for start, words in (blocks or {}).items():
        for i, word in enumerate(words):
            values[int(start) + i] = bool(word) if as_bits else int(word)
    return ModbusSparseDataBlock(values)


class LoggingSlaveContext(ModbusSlaveContext):
    """Every request pymodbus serves passes validate (reads and writes alike); writes then set values."""

    log = None

    def _note(self, text):
        if self.log is not None:
            self.log.write(f"{time.monotonic() * 1000:.0f} {text}\n")
            self.log.flush()

    def validate(self, fc_as_hex, address, count=1):
        self._note(f"validate {fc_as_hex} {address} {count}")
        return super().validate(fc_as_hex, address, count)

    def setValues(self, fc_as_hex, address, values):
        self._note(f"set {fc_as_hex} {address} {','.join(str(int(v)) for v in values)}")
        super().setValues(fc_as_hex, address, values)


def slave_context(image):
    return LoggingSlaveContext(
        co=block(image.get("coils"), True),
        di=block(image.get("discrete"), True),
        hr=block(image.get("holding"), False),
        ir=block(image.get("input"), False),
        zero_mode=True,  # PDU address N is element N, as the protocol says
    )


async def main(args):
    LoggingSlaveContext.log = open(args.log, "a", encoding="utf-8") if args.log else None
    slaves = {}
    for name in args.image:
        with open(name, encoding="utf-8") as file:
            image = json.load(file)
        slaves[image["slave"]] = slave_context(image)
    context = ModbusServerContext(slaves=slaves, single=False)
    if args.tcp:
        server = ModbusTcpServer(context, framer=SharedBusSocketFramer, address=("127.0.0.1", 0),
                                 ignore_missing_slaves=True)
        task = asyncio.create_task(server.serve_forever())
        await server.serving
        print(f"READY tcp={server.server.sockets[0].getsockname()[1]}", flush=True)
        await task
        return
    path, _, baud = args.serial.partition(":")
    server = ModbusSerialServer(context, framer=SharedBusRtuFramer, port=path,
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
    parser.add_argument("--serial")
    parser.add_argument("--tcp", action="store_true")
    parser.add_argument("--image", required=True, action="append")
    parser.add_argument("--log")
    logging.basicConfig(level=logging.CRITICAL)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    asyncio.run(main(parser.parse_args()))
