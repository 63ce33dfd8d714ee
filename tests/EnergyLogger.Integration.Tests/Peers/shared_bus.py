"""Framers for the test peers that skip a frame for another unit id and keep what follows it (pymodbus 3.0).

pymodbus 3.0 empties its whole receive buffer when a frame is for a unit id it does not serve, and with it
every byte read in the same chunk. A master that asks a silent slave and then, after its timeout, the next
slave often finds both requests read together when the peer was slow to run, as on a loaded machine: the
second request was then dropped unanswered. A slave on an RS-485 line sees the frames of the others and
skips each one alone; so do these.
"""

from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.framer.socket_framer import ModbusSocketFramer


class SharedBusRtuFramer(ModbusRtuFramer):
    """RTU, on a serial line or over TCP."""

    def processIncomingPacket(self, data, callback, unit, **kwargs):  # pylint: disable=arguments-differ
        units = unit if isinstance(unit, (list, tuple)) else [unit]
        self.addToFrame(data)
        while self.isFrameReady():
            if not self.checkFrame():
                # A damaged frame leaves no way to find the next one's start: begin again with the next bytes.
                self.resetFrame()
                return
            if self._validate_unit_id(units, kwargs.get("single", False)):
                self._process(callback)
            else:
                self.advanceFrame()


class SharedBusSocketFramer(ModbusSocketFramer):
    """MODBUS TCP: the MBAP header gives each frame's length, so an incomplete one waits for the rest."""

    def processIncomingPacket(self, data, callback, unit, **kwargs):  # pylint: disable=arguments-differ
        units = unit if isinstance(unit, (list, tuple)) else [unit]
        self.addToFrame(data)
        while self.isFrameReady() and self.checkFrame():
            if self._validate_unit_id(units, kwargs.get("single", False)):
                self._process(callback)
            else:
                self.advanceFrame()
