package org.entente.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code entente} command: one jar, one sub-command per role. Each sub-command only wires
 * configuration to the module that does the work.
 */
@Command(name = "entente", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Live counts of who cooperates with whom, on what, from a stream of diplomatic news.",
        subcommands = {
                DemoCommand.class, BrokerCommand.class, ReplayCommand.class, StreamsCommand.class,
                ViewsCommand.class, ExtractCommand.class, GenerateCommand.class, BenchCommand.class,
                QueryCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (used by tests too). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            // a clear one-line error for the user; the stack trace only when asked for
            line.getErr().println("entente: " + Errors.describe(e));
            if (Boolean.getBoolean("entente.debug")) {
                e.printStackTrace(line.getErr());
            }
            return ExitCodes.FAILED;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'entente demo'");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"entente " + (v == null ? "development build" : v)};
        }
    }
}
