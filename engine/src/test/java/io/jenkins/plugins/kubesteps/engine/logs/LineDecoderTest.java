package io.jenkins.plugins.kubesteps.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineDecoderTest {

    /** What a listener saw: pieces in order, each with its continues flag. */
    static final class Recorder implements LineDecoder.Listener {
        final List<String> pieces = new ArrayList<>();
        final List<Boolean> continues = new ArrayList<>();

        @Override
        public void line(String text, boolean more) {
            pieces.add(text);
            continues.add(more);
        }

        /** Whole lines, pieces joined. */
        List<String> lines() {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (int i = 0; i < pieces.size(); i++) {
                current.append(pieces.get(i));
                if (!continues.get(i)) {
                    lines.add(current.toString());
                    current.setLength(0);
                }
            }
            return lines;
        }
    }

    private static Recorder decode(byte[] bytes, int maxLineChars, int... chunkSizes) {
        Recorder recorder = new Recorder();
        LineDecoder decoder = new LineDecoder(maxLineChars, recorder);
        int offset = 0;
        int chunk = 0;
        while (offset < bytes.length) {
            int n = Math.min(chunkSizes[chunk++ % chunkSizes.length], bytes.length - offset);
            decoder.accept(bytes, offset, n);
            offset += n;
        }
        decoder.finish();
        return recorder;
    }

    private static List<String> lines(String text) {
        return decode(text.getBytes(StandardCharsets.UTF_8), LineDecoder.DEFAULT_MAX_LINE_CHARS, 65536)
                .lines();
    }

    @Test
    void splitsAtNewlinesAndKeepsEmptyLines() {
        assertThat(lines("first\n\nthird\n")).containsExactly("first", "", "third");
    }

    @Test
    void stripsTheCarriageReturnOfCrlfButNotOneInsideALine() {
        assertThat(lines("windows\r\nprogress\r50%\n")).containsExactly("windows", "progress\r50%");
    }

    @Test
    void finishDeliversAnUnterminatedLastLine() {
        Recorder recorder = new Recorder();
        LineDecoder decoder = new LineDecoder(recorder);
        byte[] bytes = "done\nno newline".getBytes(StandardCharsets.UTF_8);
        decoder.accept(bytes, 0, bytes.length);
        assertThat(recorder.pieces).containsExactly("done");

        decoder.finish();

        assertThat(recorder.pieces).containsExactly("done", "no newline");
        assertThat(recorder.continues).containsExactly(false, false);
    }

    @Test
    void finishWithoutPendingBytesDeliversNothing() {
        assertThat(lines("a\n")).containsExactly("a");
        assertThat(lines("")).isEmpty();
    }

    @Test
    void decodesAMultiByteCharacterCutBetweenChunks() {
        byte[] bytes = "price: 5 € 🚀\n".getBytes(StandardCharsets.UTF_8);

        assertThat(decode(bytes, 64, 1).lines()).containsExactly("price: 5 € 🚀");
        assertThat(decode(bytes, 64, 9, 2, 3).lines()).containsExactly("price: 5 € 🚀");
    }

    @Test
    void replacesInvalidUtf8() {
        byte[] bytes = {'a', (byte) 0xFF, 'b', (byte) 0xC3, '\n', (byte) 0xE2, (byte) 0x82};

        assertThat(decode(bytes, 64, 1).lines()).containsExactly("a\uFFFDb\uFFFD", "\uFFFD");
    }

    @Test
    void deliversALongLineInPiecesOfAtMostTheLimit() {
        Recorder recorder = decode(("x".repeat(20) + "\nshort\n").getBytes(StandardCharsets.UTF_8), 8, 3);

        assertThat(recorder.pieces).containsExactly("xxxxxxxx", "xxxxxxxx", "xxxx", "short");
        assertThat(recorder.continues).containsExactly(true, true, false, false);
    }

    @Test
    void aLineOfExactlyTheLimitIsOnePieceEvenWithCrlf() {
        Recorder recorder = decode("12345678\r\n".getBytes(StandardCharsets.UTF_8), 8, 1);

        assertThat(recorder.pieces).containsExactly("12345678");
        assertThat(recorder.continues).containsExactly(false);
    }

    @Test
    void neverCutsACharacterWhenSplittingALongLine() {
        String line = "é€🚀a".repeat(50);
        Recorder recorder = decode((line + "\n").getBytes(StandardCharsets.UTF_8), 8, 5);

        assertThat(recorder.pieces).allSatisfy(piece -> {
            assertThat(piece.length()).isLessThanOrEqualTo(8);
            assertThat(piece).doesNotContain("\uFFFD");
            assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1)))
                    .isFalse();
        });
        assertThat(recorder.lines()).containsExactly(line);
    }

    @Test
    void streamsAFiveMebibyteLineInPiecesBeforeItEnds() {
        Recorder recorder = new Recorder();
        LineDecoder decoder = new LineDecoder(recorder);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'y');
        for (int i = 0; i < 80; i++) {
            decoder.accept(chunk, 0, chunk.length);
        }
        // Delivered while the line is still open: nothing accumulates beyond one piece.
        assertThat(recorder.pieces).hasSizeGreaterThanOrEqualTo(79);
        assertThat(recorder.continues).containsOnly(true);

        decoder.accept(new byte[] {'\n'}, 0, 1);

        assertThat(recorder.pieces).allSatisfy(piece -> assertThat(piece.length())
                .isLessThanOrEqualTo(LineDecoder.DEFAULT_MAX_LINE_CHARS));
        assertThat(recorder.continues.get(recorder.continues.size() - 1)).isFalse();
        assertThat(recorder.pieces.stream().mapToLong(String::length).sum()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void respectsOffsetAndLength() {
        Recorder recorder = new Recorder();
        LineDecoder decoder = new LineDecoder(recorder);
        byte[] bytes = "skip|kept\n|skip".getBytes(StandardCharsets.UTF_8);

        decoder.accept(bytes, 5, 5);
        decoder.finish();

        assertThat(recorder.pieces).containsExactly("kept");
        assertThatThrownBy(() -> decoder.accept(bytes, 10, 10)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsALimitTooSmallForOneCharacter() {
        assertThatThrownBy(() -> new LineDecoder(3, (text, more) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 8");
    }

    @Test
    void findsNewlinesAtEveryPositionOfAWord() {
        for (int position = 0; position < 20; position++) {
            byte[] bytes = new byte[20];
            Arrays.fill(bytes, (byte) 0x8A); // a byte whose low bits equal '\n'
            bytes[position] = '\n';
            assertThat(LineDecoder.indexOfNewline(bytes, 0, bytes.length)).isEqualTo(position);
            assertThat(LineDecoder.indexOfNewline(bytes, position + 1, bytes.length))
                    .isEqualTo(-1);
        }
    }

    /**
     * Random bytes (ASCII, line ends, valid and broken multi-byte sequences), chunked in random
     * sizes and with random line limits, must give exactly what a {@link CharsetDecoder} set to
     * REPLACE gives for the whole stream, split at {@code \n}.
     */
    @Test
    void matchesAReplacingCharsetDecoderWhateverTheChunking() throws CharacterCodingException {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            byte[] bytes = randomLog(random, random.nextInt(2000));
            List<String> expected = referenceLines(bytes);
            int max = 8 + random.nextInt(round % 2 == 0 ? 40 : 4000);
            int[] chunks = random.ints(16, 1, 2 + random.nextInt(300)).toArray();

            Recorder recorder = decode(bytes, max, chunks);

            assertThat(recorder.lines()).as("round %d", round).isEqualTo(expected);
            assertThat(recorder.pieces)
                    .allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(max));
            assertThat(decode(bytes, max, 1).lines())
                    .as("byte by byte, round %d", round)
                    .isEqualTo(expected);
        }
    }

    /** Overlong forms, an encoded surrogate, a code point above U+10FFFF: all malformed. */
    private static final byte[][] TRICKY = {
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
    };

    private static byte[] randomLog(Random random, int parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] valid = {"a", "Z", " ", "é", "€", "🚀", "\r", "\n", "\r\n", "SPINNAKER_PROPERTY_K=v=="};
        for (int i = 0; i < parts; i++) {
            int kind = random.nextInt(10);
            if (kind < 7) {
                out.writeBytes(valid[random.nextInt(valid.length)].getBytes(StandardCharsets.UTF_8));
            } else if (kind < 8) {
                out.write(0x80 + random.nextInt(0x80)); // a stray continuation or lead byte
            } else if (kind < 9) {
                out.writeBytes(TRICKY[random.nextInt(TRICKY.length)]);
            } else {
                byte[] cut = "€🚀".getBytes(StandardCharsets.UTF_8);
                int from = random.nextInt(cut.length - 2);
                out.write(cut, from, 1 + random.nextInt(2));
            }
        }
        return out.toByteArray();
    }

    private static List<String> referenceLines(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
        String text = chars.toString();
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
            lines.add(stripCr(text.substring(start, newline)));
            start = newline + 1;
        }
        if (start < text.length()) {
            lines.add(stripCr(text.substring(start)));
        }
        return lines;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
