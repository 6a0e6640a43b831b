/// The immediate of a load or store: alignment exponent, offset and memory index.
@usableFromInline package struct MemArg: Hashable, Sendable {
    /// log2 of the alignment hint.
    package var align: UInt32
    /// The static offset added to the dynamic address.
    package var offset: UInt64
    /// The memory index (always 0 in Wasm 2.0).
    package var memory: UInt32

    package init(align: UInt32, offset: UInt64, memory: UInt32 = 0) {
        self.align = align
        self.offset = offset
        self.memory = memory
    }
}

/// The signature annotation of `block`, `loop` and `if`.
@usableFromInline package enum BlockType: Hashable, Sendable {
    /// `[] -> []`
    case empty
    /// `[] -> [t]`
    case value(ValueType)
    /// A type-section index (multi-value: any `[params] -> [results]`).
    case type(UInt32)
}

/// One handler clause of `try_table` (exception handling, Wasm 3.0).
@usableFromInline package struct CatchClause: Hashable, Sendable {
    /// What the clause catches and what it pushes for its label.
    @usableFromInline package enum Kind: UInt8, Hashable, Sendable {
        /// `catch x l`: exceptions of tag x; pushes the payload.
        case `catch` = 0
        /// `catch_ref x l`: exceptions of tag x; pushes the payload and the `exnref`.
        case catchRef = 1
        /// `catch_all l`: every exception; pushes nothing.
        case catchAll = 2
        /// `catch_all_ref l`: every exception; pushes the `exnref`.
        case catchAllRef = 3

        /// Whether the clause names a tag.
        package var hasTag: Bool { self == .catch || self == .catchRef }
        /// Whether the clause pushes the caught `exnref`.
        package var pushesReference: Bool { self == .catchRef || self == .catchAllRef }
    }

    package var kind: Kind
    /// The tag index (`catch`/`catch_ref` only; 0 otherwise).
    package var tag: UInt32
    /// The label (branch depth counted from outside the `try_table`).
    package var label: UInt32

    package init(kind: Kind, tag: UInt32 = 0, label: UInt32) {
        self.kind = kind
        self.tag = tag
        self.label = label
    }
}

/// One decoded operator. Cases are named after the spec mnemonics in lowerCamelCase.
@usableFromInline package enum Instruction: Hashable, Sendable {
    // Control
    case unreachable, nop, block(BlockType), loop(BlockType), `if`(BlockType), `else`, end
    case br(UInt32), brIf(UInt32), brTable([UInt32], default: UInt32), `return`
    case call(UInt32), callIndirect(typeIndex: UInt32, table: UInt32)
    /// Tail calls (Wasm 3.0): the callee's results are the caller's; the caller's frame is gone.
    case returnCall(UInt32), returnCallIndirect(typeIndex: UInt32, table: UInt32)
    /// Typed function references (Wasm 3.0): calls through a reference of type `(ref null $t)`,
    /// and the null tests.
    case callRef(UInt32), returnCallRef(UInt32), refAsNonNull, brOnNull(UInt32), brOnNonNull(UInt32)
    /// Exception handling (Wasm 3.0): `throw x`, `throw_ref`, and `try_table bt catch* … end`.
    case `throw`(UInt32), throwRef, tryTable(BlockType, [CatchClause])
    /// Legacy exception handling (still emitted by Emscripten): `try bt … (catch x …)* (catch_all …)? end`,
    /// `try bt … delegate l`, and `rethrow l` (l names a `catch`/`catch_all` block).
    /// See `FunctionValidator+LegacyExceptions.swift`.
    case `try`(BlockType), `catch`(UInt32), catchAll, delegate(UInt32), rethrow(UInt32)
    // Parametric
    case drop, select, typedSelect(ValueType)
    // Variables
    case localGet(UInt32), localSet(UInt32), localTee(UInt32), globalGet(UInt32), globalSet(UInt32)
    // Tables
    case tableGet(UInt32), tableSet(UInt32), tableInit(elem: UInt32, table: UInt32), elemDrop(UInt32)
    case tableCopy(dst: UInt32, src: UInt32), tableGrow(UInt32), tableSize(UInt32), tableFill(UInt32)
    // Memory
    case load(LoadOp, MemArg), store(StoreOp, MemArg)
    case memorySize(UInt32), memoryGrow(UInt32), memoryInit(data: UInt32, memory: UInt32), dataDrop(UInt32)
    case memoryCopy(dst: UInt32, src: UInt32), memoryFill(UInt32)
    // Constants (floats as IEEE-754 bits)
    case i32Const(Int32), i64Const(Int64), f32Const(UInt32), f64Const(UInt64)
    // References
    case refNull(ValueType), refIsNull, refFunc(UInt32)
    /// `ref.eq` (WebAssembly GC): 1 when two `eqref` operands are the same reference.
    case refEq
    /// A `0xFB`-prefixed operator (WebAssembly GC).
    case gc(GCInstruction)
    /// Every operator 0x45...0xC4 and 0xFC 0...7 (`trunc_sat`).
    case numeric(NumericOp)
    // SIMD (0xFD prefix)
    case v128Const(V128)
    /// `i8x16.shuffle` with its 16 lane indices.
    case i8x16Shuffle(V128)
    /// A SIMD operator without immediates.
    case simd(SIMDOp)
    /// `extract_lane` / `replace_lane` with the lane index.
    case simdLane(SIMDLaneOp, UInt8)
    /// A whole-vector SIMD load or store (`v128.load*`, `v128.store`).
    case simdLoad(SIMDLoadOp, MemArg)
    /// `v128.loadN_lane` / `v128.storeN_lane`.
    case simdLoadLane(SIMDLaneMemOp, MemArg, lane: UInt8)
}
