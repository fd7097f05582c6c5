package io.jenkins.plugins.kubesteps.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jenkins.plugins.kubesteps.engine.logs.LineDecoder;
import io.jenkins.plugins.kubesteps.engine.outputs.OutputScanner;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "outputs",
        mixinStandardHelpOptions = true,
        description = {
            "Reads a log on stdin and prints the outputs it yields as a JSON object (warnings on stderr).",
            "Uses the very scanner run-job uses, so you can check your markers without a cluster.",
            "Lines may carry the [pod/container] prefix of run-job or the [pod/NAME/CONTAINER] prefix of"
                    + " kubectl logs --prefix."
        })
final class OutputsCommand implements Callable<Integer> {
    // run-job prints "[pod/container] "; kubectl logs --prefix prints "[pod/pod-name/container] ".
    private static final Pattern PREFIX = Pattern.compile("^\\[(?:pod/)?[^\\]/\\s]+/([^\\]/\\s]+)\\] ");

    @Option(
            names = "--container",
            description = "Only lines of this container count (needs prefixed lines, see above).")
    String container;

    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        OutputScanner scanner = new OutputScanner("stdin", w -> err.println("WARNING: " + w));
        boolean[] skipping = {false};
        boolean[] midLine = {false};
        LineDecoder decoder = new LineDecoder((text, continues) -> {
            String line = text;
            if (!midLine[0]) {
                Matcher m = PREFIX.matcher(text);
                if (m.find()) {
                    skipping[0] = container != null && !container.equals(m.group(1));
                    line = text.substring(m.end());
                } else {
                    skipping[0] = container != null;
                }
            }
            midLine[0] = continues;
            if (!skipping[0]) {
                scanner.line(line, continues);
            }
        });
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            decoder.accept(buffer, 0, n);
        }
        decoder.finish();
        out.println(
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(scanner.outputs()));
        out.flush();
        return KubeSteps.OK;
    }
}
