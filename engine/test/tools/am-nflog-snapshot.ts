/**
 * Reads Alertmanager's notification-log snapshot (`<storage.path>/nflog`): length-delimited
 * nflogpb.MeshEntry protobuf messages. Only what the interop tests compare is decoded.
 */

export interface SnapshotEntry {
  groupKey: string;
  receiver: { groupName: string; integration: string; index: number };
  firingAlerts: string[];
  resolvedAlerts: string[];
}

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const b = this.bytes[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
    }
  }

  sub(): Reader {
    const length = Number(this.varint());
    const sub = new Reader(this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return sub;
  }

  /** Calls `visit` with each field number and wire type; it must consume the field or return false to skip it. */
  fields(visit: (field: number, reader: Reader, wireType: number) => boolean): void {
    while (!this.done) {
      const key = Number(this.varint());
      const field = key >> 3;
      const wireType = key & 7;
      if (visit(field, this, wireType)) continue;
      if (wireType === 0) this.varint();
      else if (wireType === 2) this.sub();
      else if (wireType === 1) this.pos += 8;
      else if (wireType === 5) this.pos += 4;
      else throw new Error(`unsupported wire type ${wireType}`);
    }
  }
}

const decoder = new TextDecoder();

function uint64s(reader: Reader, wireType: number, into: string[]): void {
  if (wireType === 0) into.push(reader.varint().toString());
  else {
    const packed = reader.sub();
    while (!packed.done) into.push(packed.varint().toString());
  }
}

function decodeEntry(reader: Reader): SnapshotEntry {
  const entry: SnapshotEntry = { groupKey: '', receiver: { groupName: '', integration: '', index: 0 }, firingAlerts: [], resolvedAlerts: [] };
  reader.fields((field, r, wireType) => {
    if (field === 1) entry.groupKey = decoder.decode(r.sub().bytes);
    else if (field === 2) {
      r.sub().fields((f, rr) => {
        if (f === 1) entry.receiver.groupName = decoder.decode(rr.sub().bytes);
        else if (f === 2) entry.receiver.integration = decoder.decode(rr.sub().bytes);
        else if (f === 3) entry.receiver.index = Number(rr.varint());
        else return false;
        return true;
      });
    } else if (field === 6) uint64s(r, wireType, entry.firingAlerts);
    else if (field === 7) uint64s(r, wireType, entry.resolvedAlerts);
    else return false;
    return true;
  });
  return entry;
}

export function readNflogSnapshot(bytes: Uint8Array): SnapshotEntry[] {
  const reader = new Reader(bytes);
  const entries: SnapshotEntry[] = [];
  while (!reader.done) {
    reader.sub().fields((field, r) => {
      if (field !== 1) return false;
      entries.push(decodeEntry(r.sub()));
      return true;
    });
  }
  return entries;
}
