# Viper bit-banging: shift a byte buffer out on a data pin with a clock, MSB first.
#
# The viper emitter turns this into machine code: ptr32 writes go straight to the GPIO registers, and loop
# variables are machine ints. Addresses are for illustration; on the emulated board they are the virtual pins'.
import micropython

GPIO_OUT_SET = const(0x40010010)
GPIO_OUT_CLR = const(0x40010014)
DATA_MASK = const(1 << 3)
CLOCK_MASK = const(1 << 4)


@micropython.viper
def shift_out(buf: ptr8, n: int):
    set_reg = ptr32(GPIO_OUT_SET)
    clr_reg = ptr32(GPIO_OUT_CLR)
    for i in range(n):
        byte = buf[i]
        for bit in range(8):
            if byte & 0x80:
                set_reg[0] = DATA_MASK
            else:
                clr_reg[0] = DATA_MASK
            set_reg[0] = CLOCK_MASK
            byte = byte << 1
            clr_reg[0] = CLOCK_MASK


@micropython.native
def checksum(data) -> int:
    total = 0
    for b in data:
        total = (total + b) & 0xFFFF
    return total


def send(frame: bytes):
    header = bytes((len(frame),))
    payload = header + frame
    shift_out(payload, len(payload))
    return checksum(payload)


if __name__ == "__main__":
    print("checksum", send(b"\x01\x02mprt"))
