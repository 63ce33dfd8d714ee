#!/usr/bin/python3
"""Walks a SunSpec chain over MODBUS TCP as a stock SunSpec client does (pymodbus 3.0).

  --port PORT   the server on 127.0.0.1
  --unit ID     the unit id to ask
  --fc 3|4      holding or input registers

Reads the "SunS" mark at 40000, then each model's id and length, then its registers (in reads of at most 125),
until the end mark 0xFFFF. Prints one JSON object: {"models": [{"id": N, "length": L, "registers": [...]}, ...]}.
Exits with status 1 and a message on stderr when the mark is missing or a read fails.
"""

import argparse
import json
import sys

from pymodbus.client import ModbusTcpClient

BASE = 40000
END = 0xFFFF


def read(client, fc, address, count, unit):
    words = []
    while count > 0:
        take = min(count, 125)
        call = client.read_holding_registers if fc == 3 else client.read_input_registers
        reply = call(address, take, slave=unit)
        if reply.isError():
            raise SystemExit(f"read {address} x{take} failed: {reply}")
        words.extend(reply.registers)
        address += take
        count -= take
    return words


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--unit", type=int, default=1)
    parser.add_argument("--fc", type=int, default=3)
    args = parser.parse_args()
    client = ModbusTcpClient("127.0.0.1", port=args.port)
    if not client.connect():
        raise SystemExit("cannot connect")
    if read(client, args.fc, BASE, 2, args.unit) != [0x5375, 0x6E53]:
        raise SystemExit("no SunS mark at 40000")
    models = []
    address = BASE + 2
    while True:
        model_id, length = read(client, args.fc, address, 2, args.unit)
        if model_id == END:
            models.append({"id": model_id, "length": length, "registers": []})
            break
        registers = read(client, args.fc, address + 2, length, args.unit)
        models.append({"id": model_id, "length": length, "registers": registers})
        address += 2 + length
        if len(models) > 50:
            raise SystemExit("no end mark after 50 models")
    client.close()
    json.dump({"models": models}, sys.stdout)


if __name__ == "__main__":
    main()
