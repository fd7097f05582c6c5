package io.jenkins.plugins.kubesteps.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the text users hand us (manifests, kubeconfigs) from bytes, a file or a stream. Text must
 * be UTF-8, as Kubernetes and kubectl expect: undecodable bytes are an {@link
 * InvalidInputException} that names the input and the byte offset instead of being replaced
 * silently (a manifest whose value changed under the user) or escaping as a decoder exception.
 * Reading stops at {@link #MAX_BYTES}, so {@code /dev/zero} or a log file given by mistake cannot
 * fill the memory.
 */
public final class TextInput {
    /** Enough for the largest YAML text {@link SafeYaml} accepts, in any UTF-8 encoding. */
    public static final int MAX_BYTES = 4 * SafeYaml.MAX_CODE_POINTS;

    private TextInput() {}

    /**
     * Decodes {@code bytes} as UTF-8 (a leading byte order mark is dropped).
     *
     * @param source names the input in messages: a path, "stdin", "manifest"
     * @throws InvalidInputException {@code SOURCE: not UTF-8 text (byte offset N)}
     */
    public static String decode(byte[] bytes, String source) {
        return decode(bytes, bytes.length, source);
    }

    /** Reads a file as UTF-8 text; every problem is an {@link InvalidInputException} naming {@code source}. */
    public static String read(Path file, String source) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(source + ": is a directory, not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, source);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(source + ": permission denied");
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
    }

    /** Reads a stream to its end as UTF-8 text; the caller closes it. */
    public static String read(InputStream in, String source) {
        byte[] buffer = new byte[8192];
        int length = 0;
        try {
            int n;
            while ((n = in.read(buffer, length, buffer.length - length)) >= 0) {
                length += n;
                if (length > MAX_BYTES) {
                    throw new InvalidInputException(source + ": is larger than " + (MAX_BYTES / (1024 * 1024))
                            + " MiB; that is not a manifest or kubeconfig");
                }
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_BYTES + 1));
                }
            }
        } catch (IOException e) {
            throw cannotRead(source, e);
        }
        return decode(buffer, length, source);
    }

    private static String decode(byte[] bytes, int length, String source) {
        int start = length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf
                ? 3
                : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, length - start);
        CharBuffer out = CharBuffer.allocate(length - start);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidInputException(
                    source + ": not UTF-8 text (byte offset " + in.position() + "); save it as UTF-8");
        }
        return out.flip().toString();
    }

    private static InvalidInputException cannotRead(String source, IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new InvalidInputException(source + ": cannot be read (" + why + ")");
    }
}
