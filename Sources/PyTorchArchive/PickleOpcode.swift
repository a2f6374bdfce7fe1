// The pickle opcodes of protocols 0 to 5, with the names Python's documentation gives them.

/// Opcodes by byte value; the case names are used verbatim in error messages.
enum PickleOpcode: UInt8, CaseIterable {
    // Stack and framing.
    case MARK = 0x28, STOP = 0x2E, POP = 0x30, POP_MARK = 0x31, DUP = 0x32
    case PROTO = 0x80, FRAME = 0x95
    // Scalars.
    case NONE = 0x4E, NEWTRUE = 0x88, NEWFALSE = 0x89
    case INT = 0x49, BININT = 0x4A, BININT1 = 0x4B, BININT2 = 0x4D
    case LONG = 0x4C, LONG1 = 0x8A, LONG4 = 0x8B
    case FLOAT = 0x46, BINFLOAT = 0x47
    // Text and bytes.
    case STRING = 0x53, BINSTRING = 0x54, SHORT_BINSTRING = 0x55
    case UNICODE = 0x56, BINUNICODE = 0x58, SHORT_BINUNICODE = 0x8C, BINUNICODE8 = 0x8D
    case BINBYTES = 0x42, SHORT_BINBYTES = 0x43, BINBYTES8 = 0x8E, BYTEARRAY8 = 0x96
    // Containers.
    case EMPTY_TUPLE = 0x29, TUPLE = 0x74, TUPLE1 = 0x85, TUPLE2 = 0x86, TUPLE3 = 0x87
    case EMPTY_LIST = 0x5D, LIST = 0x6C, APPEND = 0x61, APPENDS = 0x65
    case EMPTY_DICT = 0x7D, DICT = 0x64, SETITEM = 0x73, SETITEMS = 0x75
    case EMPTY_SET = 0x8F, ADDITEMS = 0x90, FROZENSET = 0x91
    // Memo.
    case GET = 0x67, BINGET = 0x68, LONG_BINGET = 0x6A
    case PUT = 0x70, BINPUT = 0x71, LONG_BINPUT = 0x72, MEMOIZE = 0x94
    // Objects.
    case GLOBAL = 0x63, STACK_GLOBAL = 0x93, REDUCE = 0x52, BUILD = 0x62
    case NEWOBJ = 0x81, NEWOBJ_EX = 0x92, OBJ = 0x6F, INST = 0x69
    case PERSID = 0x50, BINPERSID = 0x51
    // Recognised but refused: the extension registry and out-of-band buffers.
    case EXT1 = 0x82, EXT2 = 0x83, EXT4 = 0x84
    case NEXT_BUFFER = 0x97, READONLY_BUFFER = 0x98
}
