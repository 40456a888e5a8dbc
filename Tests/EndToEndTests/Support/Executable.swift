import Foundation
import Glibc
import OknoJSON

/// The `okno` executable built next to this test binary, run as a child process.
enum Okno {
    /// Where the `okno` executable is: the folder of the running test binary (SwiftPM puts every
    /// product of a build there).
    static func path() throws -> String {
        var candidates: [String] = []
        if let binary = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(
                URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("okno").path)
        }
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        candidates.append(argument0.deletingLastPathComponent().appendingPathComponent("okno").path)
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw ClientError(
            "the okno executable is not built next to the test binary (looked at \(candidates.joined(separator: ", "))); "
                + "run `swift build` (or `swift test`, which builds it) first")
    }

    struct Outcome {
        var status: Int32
        var output: String
        var error: String
        var lastLine: String { output.split(separator: "\n").last.map(String.init) ?? "" }
    }

    /// Runs `okno ARGUMENTS` to completion (at most `timeout` seconds, then it is killed).
    static func run(_ arguments: [String], in folder: String, timeout: Double = 20) throws -> Outcome {
        let child = try Child(arguments, in: folder)
        guard child.waitForExit(timeout: timeout) else {
            child.kill(SIGKILL)
            _ = child.waitForExit(timeout: 5)
            throw ClientError("okno \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        return Outcome(status: child.process.terminationStatus, output: child.output, error: child.errorOutput)
    }

    /// A running `okno` process with its standard output and error in files.
    final class Child {
        let process = Process()
        let outputPath: String
        let errorPath: String

        init(_ arguments: [String], in folder: String) throws {
            let tag = UUID().uuidString.prefix(8)
            outputPath = "\(folder)/okno-\(tag).out"
            errorPath = "\(folder)/okno-\(tag).err"
            _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
            _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: try Okno.path())
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle(forWritingAtPath: outputPath)
            process.standardError = FileHandle(forWritingAtPath: errorPath)
            try process.run()
        }

        var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
        var errorOutput: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

        func kill(_ signal: Int32) {
            Glibc.kill(process.processIdentifier, signal)
        }

        /// Waits for the process to end; false if it is still running after `timeout` seconds.
        func waitForExit(timeout: Double) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning {
                if Date() > deadline { return false }
                usleep(10_000)
            }
            process.waitUntilExit()
            return true
        }

        /// The port from the `server.listening` log line, once it appears.
        func listeningPort(timeout: Double = 15) throws -> Int {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                for line in errorOutput.split(separator: "\n") where line.contains("server.listening") {
                    if let value = try? JSONParser.parse(Array(line.utf8)),
                        let port = value["port"]?.stringValue.flatMap(Int.init)
                    {
                        return port
                    }
                }
                guard process.isRunning else {
                    throw ClientError("okno exited with \(process.terminationStatus) before listening: \(errorOutput)")
                }
                usleep(10_000)
            }
            throw ClientError("okno did not log server.listening within \(timeout) s: \(errorOutput)")
        }

        deinit {
            if process.isRunning {
                kill(SIGKILL)
                process.waitUntilExit()
            }
        }
    }
}
