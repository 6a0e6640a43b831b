import Foundation
import Testing
@testable import WasmCompiler

/// Function names in trap backtraces: Rust legacy and v0 symbols (our own
/// demanglers) and Itanium C++ ones (the C++ runtime's `__cxa_demangle`),
/// with real mangled names as rustc and clang emit them.
struct SymbolDemanglerTests {
    static let rustLegacy: [(String, String)] = [
        ("_ZN4core9panicking5panic17h5d4f3c4b2a1f0e9dE", "core::panicking::panic"),
        ("_ZN3std2rt10lang_start28_$u7b$$u7b$closure$u7d$$u7d$17h0a5e4f7b2c3d1e6fE",
         "std::rt::lang_start::{{closure}}"),
        ("_ZN70_$LT$alloc..vec..Vec$LT$T$C$A$GT$$u20$as$u20$core..ops..drop..Drop$GT$4drop17h5a0e0ae4f1c7f1e4E",
         "<alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop"),
        ("_ZN5crash6divide17h0123456789abcdefE.llvm.8731", "crash::divide"),
        ("_ZN7$RF$str3len17h0123456789abcdefE", "&str::len"),
    ]

    static let rustV0: [(String, String)] = [
        ("_RNvCs1234_7mycrate3foo", "mycrate::foo"),
        ("_RNvNtCs1234_7mycrate3bar3foo", "mycrate::bar::foo"),
        ("_RINvNtC3std3mem8align_ofjE", "std::mem::align_of::<usize>"),
        ("_RNCNCNgCs6DXkGYLi8lr_2cc5spawn00B5_", "cc::spawn::{closure#0}::{closure#0}"),
        ("_RINbNbCskIICzLVDPPb_5alloc5alloc8box_freeDINbNiB4_5boxed5FnBoxuEp6OutputuEL_ECs1iopQbuBiw2_3std",
         "alloc::alloc::box_free::<dyn alloc::boxed::FnBox<(), Output = ()>>"),
        ("_RMCs4fqI2P2rA04_13const_genericINtB0_8UnsignedKhb_E", "<const_generic::Unsigned<11>>"),
        ("_RMCs4fqI2P2rA04_13const_genericINtB0_6SignedKanb_E", "<const_generic::Signed<-11>>"),
        ("_RMCs4fqI2P2rA04_13const_genericINtB0_4BoolKb1_E", "<const_generic::Bool<true>>"),
        ("_RMCs4fqI2P2rA04_13const_genericINtB0_4CharKc76_E", "<const_generic::Char<'v'>>"),
        ("_RNvNvMCs4fqI2P2rA04_13const_genericINtB4_3FooKpE3foo3FOO", "<const_generic::Foo<_>>::foo::FOO"),
    ]

    static let cxx: [(String, String)] = [
        ("_ZNK8geometry4GridIiE2atEii", "geometry::Grid<int>::at(int, int) const"),
        ("_ZN8geometry6cornerERKNS_4GridIiEEi", "geometry::corner(geometry::Grid<int> const&, int)"),
        ("_Z6divideii", "divide(int, int)"),
        ("_ZNSt3__26vectorIiNS_9allocatorIiEEED2B8nn190107Ev",
         "std::__2::vector<int, std::__2::allocator<int> >::~vector[abi:nn190107]()"),
    ]

    @Test(arguments: rustLegacy + rustV0 + cxx)
    func demangles(mangled: String, expected: String) {
        #expect(SymbolDemangler.demangle(mangled) == expected)
    }

    /// Plain C names, broken manglings and over-long or hostile input stay raw.
    @Test func leavesOtherNamesAlone() {
        let raw = ["main", "divide", "_start", "__original_main", "_Z", "_Zfoo", "_R", "_RNv", "_RNvC", "_ZN3foo",
                   "_ZN3foo3barE", "_ZN4core9panicking5panic17hXYZ", "_RB_", "_RNvB0_3foo", "_RINvC3foo3barLL",
                   "_RC" + String(repeating: "9", count: 40) + "x", "_R0NvC3foo3bar", "_RNvCu6punycd3foo",
                   String(repeating: "_ZN", count: 400)]
        for name in raw {
            let result = SymbolDemangler.demangle(name)
            #expect(result == nil || name.hasPrefix("_ZN3foo3barE"), "\(name) → \(result ?? "nil")")
        }
        // A legacy-looking name without the hash is C++'s `foo::bar` (a variable).
        #expect(SymbolDemangler.demangle("_ZN3foo3barE") == "foo::bar")
        #expect(SymbolDemangler.demangle("_Z1f" + String(repeating: "P", count: SymbolDemangler.maximumLength) + "i") == nil)
    }

    /// Deep nesting is bounded: back-references cannot loop, recursion stops
    /// at a depth limit, output at a length limit.
    @Test func hostileRustSymbolsAreBounded() {
        // Each tuple refers back to the previous type: output doubles per level.
        var symbol = "_RINvC3foo3barTuE"
        for _ in 0..<30 { symbol += "TB" + "_" + "B_E" }
        #expect(SymbolDemangler.demangle(symbol + "E") == nil || SymbolDemangler.demangle(symbol + "E")!.utf8.count
                <= RustV0Demangler.maximumOutput)
        let deep = "_RINvC3foo3bar" + String(repeating: "S", count: 500) + "u" + "E"
        #expect(SymbolDemangler.demangle(deep) == nil)
        let shallow = "_RINvC3foo3bar" + String(repeating: "S", count: 5) + "uE"
        #expect(SymbolDemangler.demangle(shallow) == "foo::bar::<[[[[[()]]]]]>")
        // Deep C++ nesting within the length limit is the C++ runtime's to bound.
        let pointers = "_Z1fP" + String(repeating: "P", count: 900) + "i"
        #expect(SymbolDemangler.demangle(pointers)?.hasPrefix("f(int***") == true)
    }

    /// LLVM's own demangler (`llvm-cxxfilt`) agrees on every name above
    /// (libstdc++ spells nested template ends `> >`, LLVM `>>`).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: llvmCxxfilt),
                   "needs \(llvmCxxfilt) (Debian's llvm-19 package) to compare with"))
    func agreesWithLLVMCxxfilt() throws {
        let names = (Self.rustV0 + Self.cxx).map(\.0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.llvmCxxfilt)
        process.arguments = names
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        try #require(lines.count == names.count)
        for (name, line) in zip(names, lines) {
            let ours = SymbolDemangler.demangle(name)?.replacingOccurrences(of: "> >", with: ">>")
            #expect(ours == line, "\(name)")
        }
    }

    static let llvmCxxfilt = "/usr/lib/llvm-19/bin/llvm-cxxfilt"
}
