package io.jenkins.plugins.kubesteps.engine.job;

import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.Pods.pod;
import static io.jenkins.plugins.kubesteps.engine.job.StreamingLogServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PodLogsStreamingTest extends PodLogsFixture {
    private PodLogs follow(JobRequest request) {
        return follow(request, console, Map.of());
    }

    private static JobRequest.Builder request() {
        return JobRequest.builder().manifest("kind: Job", "test");
    }

    /** The containers exit, the informer reports it, and the logs are read to their end. */
    private void finish(StreamingLogServer.Pods terminated, StreamingLogServer.FakeLog... exited) throws Exception {
        for (StreamingLogServer.FakeLog log : exited) {
            log.terminate();
        }
        logs.onPod(terminated.build());
        logs.drain(Duration.ofSeconds(20)).get(20, TimeUnit.SECONDS);
    }

    @Test
    void linesReachTheConsoleWhileTheContainerRuns() throws Exception {
        StreamingLogServer.FakeLog main = server.log("job-a", "main").start().add("first line");
        follow(request().build())
                .onPod(pod("job-a").container("main", "running").build());

        eventually("the first line is printed", () -> console.lines().contains("[job-a/main] first line"));
        assertThat(server.openStreams()).as("the stream is still open").isEqualTo(1);
        main.add("second line");
        eventually("the second line is printed", () -> console.lines().size() == 2);

        finish(pod("job-a").container("main", "terminated"), main);
        assertThat(console.lines()).containsExactly("[job-a/main] first line", "[job-a/main] second line");
        assertThat(logs.positions().get("job-a/main").finished()).isTrue();
        assertThat(server.requests()).allMatch(r -> r.contains("timestamps=true") && r.contains("follow=true"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aWaitingContainerIsStreamedOnceItStarts() throws Exception {
        StreamingLogServer.FakeLog main = server.log("job-a", "main").add("hello");
        follow(request().build())
                .onPod(pod("job-a").container("main", "waiting").build());
        Thread.sleep(300);
        assertThat(server.requests()).as("no request while the container waits").isEmpty();

        main.start();
        logs.onPod(pod("job-a").container("main", "running").build());
        eventually("the line is printed", () -> console.lines().contains("[job-a/main] hello"));
        finish(pod("job-a").container("main", "terminated"), main);
        assertThat(console.lines()).containsExactly("[job-a/main] hello");
    }

    @Test
    void initContainersComeFirstEvenWhenTheirPodIsSeenLate() throws Exception {
        StreamingLogServer.FakeLog first = server.log("job-a", "fetch").start().add("fetch 1", "fetch 2");
        StreamingLogServer.FakeLog second =
                server.log("job-a", "unpack").start().add("unpack 1", "unpack 2");
        StreamingLogServer.FakeLog main = server.log("job-a", "main").start().add("main 1", "main 2");
        first.terminate();
        second.terminate();
        follow(request().build())
                .onPod(pod("job-a")
                        .init("fetch", "terminated")
                        .init("unpack", "terminated")
                        .container("main", "running")
                        .build());

        eventually(
                "the main container's lines are printed", () -> console.lines().size() == 6);
        finish(
                pod("job-a")
                        .init("fetch", "terminated")
                        .init("unpack", "terminated")
                        .container("main", "terminated"),
                main);
        assertThat(console.lines())
                .containsExactly(
                        "[job-a/fetch] fetch 1",
                        "[job-a/fetch] fetch 2",
                        "[job-a/unpack] unpack 1",
                        "[job-a/unpack] unpack 2",
                        "[job-a/main] main 1",
                        "[job-a/main] main 2");
    }

    @Test
    void prefixesCanBeLeftOutAndOutputsAreFoundWithoutPrintingLogs() throws Exception {
        StreamingLogServer.FakeLog main =
                server.log("job-a", "main").start().add("  plain text", "SPINNAKER_PROPERTY_IMAGE=app:1.2");
        follow(request().prefixLines(false).build())
                .onPod(pod("job-a").container("main", "running").build());
        finish(pod("job-a").container("main", "terminated"), main);
        assertThat(console.lines()).containsExactly("  plain text", "SPINNAKER_PROPERTY_IMAGE=app:1.2");

        logs.close();
        RecordingConsole silent = new RecordingConsole();
        follow(request().streamLogs(false).build(), silent, Map.of());
        logs.onPod(pod("job-a").container("main", "terminated").build());
        logs.drain(Duration.ofSeconds(20)).get(20, TimeUnit.SECONDS);
        assertThat(silent.lines()).isEmpty();
        assertThat(logs.outputsByPod()).containsEntry("job-a", Map.of("IMAGE", "app:1.2"));
    }

    @Test
    void outputsAreKeptPerPodAndOnlyForTheChosenContainer() throws Exception {
        server.log("job-a", "main")
                .start()
                .add("SPINNAKER_PROPERTY_A=1", "SPINNAKER_PROPERTY_SHARED=main")
                .terminate();
        server.log("job-a", "sidecar")
                .start()
                .add("SPINNAKER_PROPERTY_B=2", "SPINNAKER_PROPERTY_SHARED=side")
                .terminate();
        server.log("job-b", "main")
                .start()
                .add("SPINNAKER_CONFIG_JSON={\"A\":\"3\"}")
                .terminate();
        StreamingLogServer.Pods podA =
                pod("job-a").container("main", "terminated").container("sidecar", "terminated");
        StreamingLogServer.Pods podB = pod("job-b").container("main", "terminated");

        follow(request().build());
        logs.onPod(podA.build());
        logs.onPod(podB.build());
        logs.drain(Duration.ofSeconds(20)).get(20, TimeUnit.SECONDS);
        assertThat(logs.outputsByPod())
                .containsEntry("job-a", Map.of("A", "1", "SHARED", "side", "B", "2"))
                .containsEntry("job-b", Map.of("A", "3"));

        logs.close();
        follow(request().container("main").build());
        logs.onPod(podA.build());
        logs.onPod(podB.build());
        logs.drain(Duration.ofSeconds(20)).get(20, TimeUnit.SECONDS);
        assertThat(logs.outputsByPod())
                .containsEntry("job-a", Map.of("A", "1", "SHARED", "main"))
                .containsEntry("job-b", Map.of("A", "3"));
        assertThat(console.text()).contains("[job-a/sidecar] SPINNAKER_PROPERTY_B=2");
    }

    @Test
    void theLastTwentyLinesOfEachContainerAreKept() throws Exception {
        String[] lines = IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i).toArray(String[]::new);
        StreamingLogServer.FakeLog main = server.log("job-a", "main").start().add(lines);
        follow(request().build())
                .onPod(pod("job-a").container("main", "running").build());
        finish(pod("job-a").container("main", "terminated"), main);

        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(11, 30).forEach(i -> expected.add("line " + i));
        assertThat(logs.lastLines("job-a", "main")).isEqualTo(expected);
        assertThat(logs.lastLines("job-a", "other")).isEmpty();
    }

    @Test
    void aLineOfTwoHundredKibibytesIsPrintedInPieces() throws Exception {
        String huge = "x".repeat(200 * 1024);
        StreamingLogServer.FakeLog main = server.log("job-a", "main").start().add(huge, "after");
        follow(request().build())
                .onPod(pod("job-a").container("main", "running").build());
        finish(pod("job-a").container("main", "terminated"), main);

        List<String> printed = console.lines();
        assertThat(printed).hasSizeGreaterThanOrEqualTo(5);
        assertThat(printed.get(printed.size() - 1)).isEqualTo("[job-a/main] after");
        StringBuilder joined = new StringBuilder();
        for (String line : printed.subList(0, printed.size() - 1)) {
            assertThat(line).startsWith("[job-a/main] ");
            String piece = line.substring("[job-a/main] ".length());
            assertThat(piece.length()).isLessThanOrEqualTo(64 * 1024);
            joined.append(piece);
        }
        assertThat(joined.length()).isEqualTo(huge.length());
        assertThat(joined.toString().equals(huge))
                .as("the pieces make up the line")
                .isTrue();
    }

    @Test
    void invalidUtf8IsReplacedAndTheStreamGoesOn() throws Exception {
        StreamingLogServer.FakeLog main = server.log("job-a", "main").start();
        main.add(java.time.Instant.parse("2026-11-22T02:00:01Z"), new byte[] {'a', (byte) 0xff, (byte) 0xfe, 'b'});
        main.add(java.time.Instant.parse("2026-11-22T02:00:02Z"), "grüße".getBytes(StandardCharsets.UTF_8));
        follow(request().build())
                .onPod(pod("job-a").container("main", "running").build());
        finish(pod("job-a").container("main", "terminated"), main);
        assertThat(console.lines()).containsExactly("[job-a/main] a\uFFFD\uFFFDb", "[job-a/main] grüße");
    }
}
