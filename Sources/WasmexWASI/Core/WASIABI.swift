/// Constants and flag sets of the WASI preview 1 ABI (witx `typenames`).
enum WASIFileType: UInt8 {
    case unknown = 0, blockDevice, characterDevice, directory, regularFile, socketDgram, socketStream, symbolicLink
}

/// `rights`: what a descriptor may be used for.
struct WASIRights: OptionSet, Sendable {
    let rawValue: UInt64
    static let fdDatasync = WASIRights(rawValue: 1 << 0)
    static let fdRead = WASIRights(rawValue: 1 << 1)
    static let fdSeek = WASIRights(rawValue: 1 << 2)
    static let fdFdstatSetFlags = WASIRights(rawValue: 1 << 3)
    static let fdSync = WASIRights(rawValue: 1 << 4)
    static let fdTell = WASIRights(rawValue: 1 << 5)
    static let fdWrite = WASIRights(rawValue: 1 << 6)
    static let fdAdvise = WASIRights(rawValue: 1 << 7)
    static let fdAllocate = WASIRights(rawValue: 1 << 8)
    static let pathCreateDirectory = WASIRights(rawValue: 1 << 9)
    static let pathCreateFile = WASIRights(rawValue: 1 << 10)
    static let pathLinkSource = WASIRights(rawValue: 1 << 11)
    static let pathLinkTarget = WASIRights(rawValue: 1 << 12)
    static let pathOpen = WASIRights(rawValue: 1 << 13)
    static let fdReaddir = WASIRights(rawValue: 1 << 14)
    static let pathReadlink = WASIRights(rawValue: 1 << 15)
    static let pathRenameSource = WASIRights(rawValue: 1 << 16)
    static let pathRenameTarget = WASIRights(rawValue: 1 << 17)
    static let pathFilestatGet = WASIRights(rawValue: 1 << 18)
    static let pathFilestatSetSize = WASIRights(rawValue: 1 << 19)
    static let pathFilestatSetTimes = WASIRights(rawValue: 1 << 20)
    static let fdFilestatGet = WASIRights(rawValue: 1 << 21)
    static let fdFilestatSetSize = WASIRights(rawValue: 1 << 22)
    static let fdFilestatSetTimes = WASIRights(rawValue: 1 << 23)
    static let pathSymlink = WASIRights(rawValue: 1 << 24)
    static let pathRemoveDirectory = WASIRights(rawValue: 1 << 25)
    static let pathUnlinkFile = WASIRights(rawValue: 1 << 26)
    static let pollFdReadwrite = WASIRights(rawValue: 1 << 27)
    static let sockShutdown = WASIRights(rawValue: 1 << 28)
    static let sockAccept = WASIRights(rawValue: 1 << 29)

    static let all = WASIRights(rawValue: (1 << 30) - 1)

    /// Rights that change the file system or file contents.
    static let mutating: WASIRights = [
        .fdDatasync, .fdWrite, .fdAllocate, .fdFilestatSetSize, .fdFilestatSetTimes, .fdSync,
        .pathCreateDirectory, .pathCreateFile, .pathLinkSource, .pathLinkTarget,
        .pathRenameSource, .pathRenameTarget, .pathFilestatSetSize, .pathFilestatSetTimes,
        .pathSymlink, .pathRemoveDirectory, .pathUnlinkFile,
    ]

    /// Rights meaningful on a regular file.
    static let regularFile: WASIRights = [
        .fdDatasync, .fdRead, .fdSeek, .fdFdstatSetFlags, .fdSync, .fdTell, .fdWrite, .fdAdvise,
        .fdAllocate, .fdFilestatGet, .fdFilestatSetSize, .fdFilestatSetTimes, .pollFdReadwrite,
    ]

    /// Rights meaningful on a directory.
    static let directory: WASIRights = [
        .fdFdstatSetFlags, .fdSync, .fdAdvise, .pathCreateDirectory, .pathCreateFile,
        .pathLinkSource, .pathLinkTarget, .pathOpen, .fdReaddir, .pathReadlink,
        .pathRenameSource, .pathRenameTarget, .pathFilestatGet, .pathFilestatSetSize,
        .pathFilestatSetTimes, .fdFilestatGet, .fdFilestatSetTimes, .pathSymlink,
        .pathRemoveDirectory, .pathUnlinkFile, .pollFdReadwrite,
    ]

    /// Rights of a stream (stdio, pipe): no seeking.
    static let stream: WASIRights = [
        .fdRead, .fdWrite, .fdFdstatSetFlags, .fdFilestatGet, .pollFdReadwrite, .fdSync, .fdDatasync,
    ]
}

/// `fdflags`.
enum WASIFdflags {
    static let append: UInt16 = 1
    static let dsync: UInt16 = 2
    static let nonblock: UInt16 = 4
    static let rsync: UInt16 = 8
    static let sync: UInt16 = 16
    static let all: UInt16 = 31
}

/// `oflags`.
enum WASIOflags {
    static let creat: UInt16 = 1
    static let directory: UInt16 = 2
    static let excl: UInt16 = 4
    static let trunc: UInt16 = 8
}

/// `fstflags`.
enum WASIFstflags {
    static let atim: UInt16 = 1
    static let atimNow: UInt16 = 2
    static let mtim: UInt16 = 4
    static let mtimNow: UInt16 = 8
}

/// `lookupflags`.
enum WASILookupflags {
    static let symlinkFollow: UInt32 = 1
}
