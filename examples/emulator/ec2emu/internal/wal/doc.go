// Package wal frames the files the emulator keeps its state in: a header,
// then records, each checked by its own CRC. The snapshot and the
// write-ahead log are both such files; what a record holds is the
// emulator's business, not this package's.
//
// # Format
//
// All integers are little-endian.
//
//	header  magic [8]byte   names the file's purpose ("VPCEMUSN", "VPCEMUWL")
//	        version uint32  the format version, Version
//	        gen uint64      the generation: which snapshot a log belongs to
//	        crc uint32      CRC-32C (Castagnoli) of the 20 bytes above
//	record  length uint32   of the payload, 1 to MaxRecord
//	        crc uint32      CRC-32C of the payload
//	        payload [length]byte
//
// # Reading
//
// A crash while a writer appends leaves at most the last record incomplete:
// its frame or payload cut short by the end of the file, or present in full
// but failing its CRC with nothing after it. Such a record is torn: it was
// never acknowledged, so the reader reports it as ErrTorn, with the offset
// at which to truncate the file. Anything else that does not read is
// ErrCorrupt: a record that fails its CRC and is followed by more data, a
// length of 0 or over MaxRecord, a header that does not check. A file of
// another format version is ErrVersion, whatever follows its version field,
// so that a newer format can change everything after it. Every error is an
// *Error naming the file and the byte offset.
package wal
