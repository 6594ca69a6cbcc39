/**
 * Unsigned LEB128 varints (7 bits a byte, low group first) for values up to 2^53, written with
 * arithmetic instead of 32-bit bit operations so tile ids of deep zooms stay exact.
 * Reference: Protocol Buffers encoding "Base 128 Varints"; PMTiles v3 spec §4.1 (directories).
 */

/** A growable byte buffer that varints are appended to. */
export class VarintWriter {
  private bytes = new Uint8Array(1024);
  private length = 0;

  write(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint ${value} is not a safe uint`);
    if (this.length + 8 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}
