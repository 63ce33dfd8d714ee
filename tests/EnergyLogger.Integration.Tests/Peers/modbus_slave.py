#!/usr/bin/python3
"""A MODBUS slave with known contents for the integration suite (pymodbus 3.0).

Serves one data model, as slave id 1 only, on every medium it is given at once:
  --serial PATH[:BAUD]   RTU on a tty or pty (repeatable)
  --tcp                  MODBUS TCP (MBAP) on a free loopback port
  --rtu-over-tcp         RTU frames over TCP on a free loopback port
When everything listens it prints one line, "READY tcp=PORT rtu-over-tcp=PORT", and it exits when
its standard input closes, so it never outlives the test run that started it.
The values mirror PeerData.cs in the test project; change both together.
"""

import argparse
import asyncio
import logging
import os
import sys
import threading

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import ModbusSerialServer, ModbusTcpServer

from shared_bus import SharedBusRtuFramer, SharedBusSocketFramer

SLAVE_ID = 1
REGISTER_SPACE = 0x4000  # reads at or above this answer exception 02
BIT_SPACE = 0x400

HOLDING = {
    0x1000: [1234],                            # u16
    0x1001: [0xFFFE],                          # s16 -2
    0x1002: [0x1234, 0x5678],                  # u32 305419896
    0x1004: [0xFFFE, 0x1DC0],                  # s32 -123456
    0x1006: [0x4366, 0x8000],                  # f32 230.5
    0x1008: [0x0102, 0x0304, 0x0506, 0x0708],  # u64 72623859790382856
    0x100C: [0x534E, 0x2D32, 0x3032, 0x3400],  # "SN-2024"
    0x1010: [0x5678, 0x1234],                  # u32 305419896, low word first
}
INPUT = {
    0x0000: [1000 + i for i in range(16)],
    0x0010: [0xBFC0, 0x0000],                  # f32 -1.5
}


def registers(initial):
    values = [0] * REGISTER_SPACE
    for address, words in initial.items():
        values[address:address + len(words)] = words
    return ModbusSequentialDataBlock(0, values)


def bits(rule):
    return ModbusSequentialDataBlock(0, [rule(i) if i < 20 else False for i in range(BIT_SPACE)])


def build_context():
    slave = ModbusSlaveContext(
        co=bits(lambda i: i % 3 == 0),
        di=bits(lambda i: i % 2 == 1),
        hr=registers(HOLDING),
        ir=registers(INPUT),
        zero_mode=True,  # PDU address N is element N, as the protocol says
    )
    return ModbusServerContext(slaves={SLAVE_ID: slave}, single=False)


async def listen_tcp(context, framer):
    server = ModbusTcpServer(context, framer=framer, address=("127.0.0.1", 0),
                             ignore_missing_slaves=True)
    task = asyncio.create_task(server.serve_forever())
    await server.serving
    return task, server.server.sockets[0].getsockname()[1]


async def main(args):
    context = build_context()
    tasks = []
    for spec in args.serial:
        path, _, baud = spec.partition(":")
        server = ModbusSerialServer(context, framer=SharedBusRtuFramer, port=path,
                                    baudrate=int(baud or 9600), ignore_missing_slaves=True)
        await server.start()
        if server.transport is None:
            raise SystemExit(f"cannot open {path}")
        tasks.append(asyncio.create_task(server.serve_forever()))

    ports = {}
    if args.tcp:
        task, ports["tcp"] = await listen_tcp(context, SharedBusSocketFramer)
        tasks.append(task)
    if args.rtu_over_tcp:
        task, ports["rtu-over-tcp"] = await listen_tcp(context, SharedBusRtuFramer)
        tasks.append(task)

    print("READY " + " ".join(f"{name}={port}" for name, port in ports.items()), flush=True)
    await asyncio.gather(*tasks)


def exit_when_stdin_closes():
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--serial", action="append", default=[])
    parser.add_argument("--tcp", action="store_true")
    parser.add_argument("--rtu-over-tcp", action="store_true")
    logging.basicConfig(level=logging.CRITICAL)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    asyncio.run(main(parser.parse_args()))
