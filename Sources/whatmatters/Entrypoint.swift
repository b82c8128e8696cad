import NIOCore
import NIOPosix

/// The program's entry. For `serve`, Swift concurrency's global executor becomes NIO's
/// event loops (Vapor's own template offers this): a request's handler then resumes on the
/// event loop its database answer arrives on, instead of hopping to another thread after
/// every query. It must happen before any other async work; the other commands keep the
/// default executor, as they run briefly and some of their libraries' shutdown paths wait.
@main
enum Entrypoint {
    static func main() async {
        if CommandLine.arguments.dropFirst().first == "serve" {
            _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await WhatMattersCommand.main()
    }
}
