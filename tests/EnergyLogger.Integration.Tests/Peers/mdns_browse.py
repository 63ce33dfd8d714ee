#!/usr/bin/python3
"""Browses mDNS for the logger's services as a LAN client would (python3-zeroconf).

  --seconds N   how long to browse (default 6)
  --host NAME   only services whose SRV target is this host (energy-logger-xxxx.local.)

Browses _energylogger._tcp.local. and _modbus._tcp.local., resolves every instance found and prints one JSON array:
[{"type": ..., "name": ..., "server": ..., "port": N, "addresses": [...], "properties": {"key": "value"}}].
"""

import argparse
import json
import socket
import sys
import time

from zeroconf import ServiceBrowser, Zeroconf

TYPES = ["_energylogger._tcp.local.", "_modbus._tcp.local."]


class Collector:
    def __init__(self):
        self.found = set()

    def add_service(self, zc, type_, name):
        self.found.add((type_, name))

    def update_service(self, zc, type_, name):
        self.found.add((type_, name))

    def remove_service(self, zc, type_, name):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--host", default=None)
    args = parser.parse_args()
    zc = Zeroconf()
    collector = Collector()
    browsers = [ServiceBrowser(zc, t, collector) for t in TYPES]
    time.sleep(args.seconds)
    services = []
    for type_, name in sorted(collector.found):
        info = zc.get_service_info(type_, name, timeout=3000)
        if info is None:
            continue
        if args.host and info.server.lower() != args.host.lower():
            continue
        services.append({
            "type": type_,
            "name": name,
            "server": info.server,
            "port": info.port,
            "addresses": [socket.inet_ntoa(a) for a in info.addresses if len(a) == 4],
            "properties": {k.decode(): (v.decode() if v is not None else None) for k, v in info.properties.items()},
        })
    for browser in browsers:
        browser.cancel()
    zc.close()
    json.dump(services, sys.stdout)


if __name__ == "__main__":
    main()
