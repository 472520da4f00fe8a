package org.wanglai.host.internal.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Command-line entry: generates the demo data set into any JDBC database whose driver is on the class path.
 *
 * <pre>
 * java -cp wanglai-host.jar:slf4j-api.jar:h2.jar org.wanglai.host.internal.demo.DemoMain \
 *     --url jdbc:h2:./demo --scale demo --seed 42 --as-of 2026-06-30
 * </pre>
 */
public final class DemoMain {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: DemoMain --url <jdbc-url> [--user <user>] [--password <password>]",
            "                [--scale tiny|demo|bench] [--seed <long>] [--as-of <yyyy-mm-dd>]",
            "  --url       JDBC URL of an empty database, e.g. jdbc:h2:./demo or",
            "              jdbc:postgresql://localhost/erp?reWriteBatchedInserts=true",
            "  --scale     tiny (50 customers, 1 year), demo (2,000 customers, 3 years, default),",
            "              bench (100,000 customers, 5M invoice lines)",
            "  --seed      random seed, default 42; the same seed and as-of date give the same data",
            "  --as-of     the data set's today, default today");

    private DemoMain() {
    }

    public static void main(String[] args) {
        int rc = run(args, System.out, System.err);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /** Runs the command; returns the process exit code (0 ok, 2 bad arguments, 1 failure). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String url = null;
        String user = null;
        String password = null;
        DemoDataGenerator.Scale scale = DemoDataGenerator.Scale.DEMO;
        long seed = DemoCommands.DEFAULT_SEED;
        LocalDate asOf = LocalDate.now();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if ("--help".equals(a) || "-h".equals(a)) {
                    out.println(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--url" -> url = v;
                    case "--user" -> user = v;
                    case "--password" -> password = v;
                    case "--scale" -> scale = DemoCommands.parseScale(v);
                    case "--seed" -> seed = parseSeed(v);
                    case "--as-of" -> asOf = parseDate(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (url == null) {
                throw new IllegalArgumentException("--url is required");
            }
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            DemoDataGenerator.Stats stats = new DemoDataGenerator(scale, seed, asOf).generate(c);
            out.println("Demo data " + scale.name().toLowerCase(Locale.ROOT) + " (seed " + seed + ", as of " + asOf
                    + "): " + stats.summary());
            return 0;
        } catch (SQLException | RuntimeException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    private static long parseSeed(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seed must be a whole number, was '" + v + "'");
        }
    }

    private static LocalDate parseDate(String v) {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--as-of must be a date like 2026-06-30, was '" + v + "'");
        }
    }
}
