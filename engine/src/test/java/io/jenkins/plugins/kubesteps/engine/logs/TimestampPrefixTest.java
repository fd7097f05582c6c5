package io.jenkins.plugins.kubesteps.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampPrefixTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // line | prefix to skip before a marker | timestamp
                "2026-11-22T02:11:42.123456789Z SPINNAKER_X | 31 | 2026-11-22T02:11:42.123456789Z",
                "2026-11-22T02:11:42Z SPINNAKER_X | 21 | 2026-11-22T02:11:42Z",
                "2026-11-22T03:11:42.5+01:00 SPINNAKER_X | 28 | 2026-11-22T03:11:42.5+01:00",
                "2026-11-21T21:11:42-05:00 SPINNAKER_X | 26 | 2026-11-21T21:11:42-05:00",
                "2026-11-22t02:11:42z SPINNAKER_X | 21 | 2026-11-22t02:11:42z",
                "2026-11-22T02:11:42.123Z stdout F SPINNAKER_X | 34 | 2026-11-22T02:11:42.123Z",
                "2026-11-22T02:11:42.123Z stderr P SPINNAKER_X | 34 | 2026-11-22T02:11:42.123Z",
                "2026-11-22T02:11:42.123Z    SPINNAKER_X | 28 | 2026-11-22T02:11:42.123Z",
            })
    void skipsTimestampsAndCriPrefixes(String line, int length, String timestamp) {
        assertThat(TimestampPrefix.length(line)).isEqualTo(length);
        assertThat(line.substring(length)).isEqualTo("SPINNAKER_X");
        assertThat(TimestampPrefix.timestamp(line)).isEqualTo(timestamp);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-22T02:11:42.123456789Z",
                "2026-11-22T02:11:42Z",
                "2026-11-22T02:11:42.5Z",
                "2026-11-22T02:11:42.000000001Z",
                "2026-11-22T03:11:42.25+01:00",
                "2026-11-21T21:11:42.987654321-05:30",
                "2024-02-29T23:59:59.999999999+14:00",
            })
    void readsTheSameInstantAsJavaTime(String timestamp) {
        Instant expected = OffsetDateTime.parse(timestamp).toInstant();

        assertThat(TimestampPrefix.instant(timestamp + " text")).isEqualTo(expected);
        assertThat(TimestampPrefix.instant(timestamp)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-30T02:11:42Z text", // no such day
                "2026-11-22T25:11:42Z text",
                "2026-11-22T02:11:42+19:00 text",
                "2026-11-22T02:11:42Ztext",
                "no timestamp",
            })
    void readsNoInstantFromAnInvalidTimestamp(String line) {
        assertThat(TimestampPrefix.instant(line)).isNull();
    }

    @org.junit.jupiter.api.Test
    void dropsDigitsBelowANanosecond() {
        assertThat(TimestampPrefix.instant("2026-11-22T02:11:42.1234567899Z x"))
                .isEqualTo(Instant.parse("2026-11-22T02:11:42.123456789Z"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-22 02:11:42Z text", // space instead of T
                "2026-11-22T02:11:42 text", // no zone
                "2026-11-22T02:11:42.Z text", // empty fraction
                "2026-11-22T02:11:42+0100 text", // offset without colon
                "2026-11-22T02:11:42Ztext", // no space after it
                "12345 items copied",
                "build 2026-11-22T02:11:42Z text",
                "",
            })
    void findsNoTimestampWhereThereIsNone(String line) {
        assertThat(TimestampPrefix.timestamp(line)).isNull();
        assertThat(TimestampPrefix.timestampLength(line)).isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "plain text | 0",
                "'\t  indented' | 3",
                "'   ' | 3",
            })
    void skipsLeadingBlanksWithoutATimestamp(String line, int length) {
        assertThat(TimestampPrefix.length(line)).isEqualTo(length);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // what the API server added is stripped; the program's own indentation is kept
                "'2026-11-22T02:11:42.1Z   indented' | '  indented'",
                "'2026-11-22T02:11:42.1Z stdout F text' | 'text'",
                "'2026-11-22T02:11:42.1Z stdout text' | 'stdout text'",
                "'2026-11-22T02:11:42.1Z stdoutF text' | 'stdoutF text'",
                "'2026-11-22T02:11:42.1Z ' | ''",
                "'2026-11-22T02:11:42.1Z' | ''",
            })
    void timestampLengthStripsOnlyWhatTheServerAdded(String line, String rest) {
        assertThat(line.substring(TimestampPrefix.timestampLength(line))).isEqualTo(rest);
    }
}
