package io.jenkins.plugins.kubesteps.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextInputTest {
    @TempDir
    Path tmp;

    @Test
    void utf8TextIsReadAsIs() throws Exception {
        Path file = tmp.resolve("job.yaml");
        Files.writeString(file, "name: grüße ✓\n", StandardCharsets.UTF_8);
        assertThat(TextInput.read(file, "job.yaml")).isEqualTo("name: grüße ✓\n");
    }

    @Test
    void aByteOrderMarkIsDropped() {
        byte[] bytes = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'a', ':', ' ', '1'};
        assertThat(TextInput.decode(bytes, "bom.yaml")).isEqualTo("a: 1");
    }

    @Test
    void undecodableBytesNameTheSourceAndTheOffset() throws Exception {
        Path file = tmp.resolve("binary.yaml");
        Files.write(file, new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xc3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> TextInput.read(file, "binary.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("binary.yaml: not UTF-8 text (byte offset 6)");
        assertThatThrownBy(() -> TextInput.read(new ByteArrayInputStream(new byte[] {(byte) 0xff}), "stdin"))
                .hasMessageStartingWith("stdin: not UTF-8 text (byte offset 0)");
        // a sequence cut off at the end of the input
        assertThatThrownBy(() -> TextInput.decode(new byte[] {'a', (byte) 0xe2, (byte) 0x9c}, "manifest"))
                .hasMessageStartingWith("manifest: not UTF-8 text (byte offset 1)");
    }

    @Test
    void missingFilesDirectoriesAndHugeInputsAreInvalidInput() {
        assertThatThrownBy(() -> TextInput.read(tmp.resolve("nope.yaml"), "nope.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("nope.yaml: no such file");
        assertThatThrownBy(() -> TextInput.read(tmp, "some-dir"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("some-dir: is a directory, not a file");
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'a');
                return len;
            }
        };
        assertThatThrownBy(() -> TextInput.read(endless, "/dev/zero"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("/dev/zero: is larger than 12 MiB");
    }
}
