import Foundation
import OknoApp

exit(Commands.run(Array(CommandLine.arguments.dropFirst())))
