package io.jenkins.plugins.kubesteps.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RequestCounterTest {

    private static String describe(String method, String uri) {
        return RequestCounter.describe(method, URI.create("https://127.0.0.1:6443" + uri));
    }

    @Test
    void namesVerbAndResourceAsTheApiServerCountsThem() {
        assertThat(describe("POST", "/apis/batch/v1/namespaces/ns/jobs")).isEqualTo("POST jobs");
        assertThat(describe("GET", "/apis/batch/v1/namespaces/ns/jobs/bench-1")).isEqualTo("GET jobs");
        assertThat(describe("GET", "/api/v1/namespaces/ns/pods?labelSelector=a%3Db"))
                .isEqualTo("LIST pods");
        assertThat(describe("GET", "/api/v1/namespaces/ns/pods?watch=true&resourceVersion=5"))
                .isEqualTo("WATCH pods");
        assertThat(describe("GET", "/api/v1/namespaces/ns/pods/p-1/log?follow=true"))
                .isEqualTo("GET pods/log");
        // outside a namespace: the path as it is
        assertThat(describe("GET", "/apis/batch/v1")).isEqualTo("GET /apis/batch/v1");
    }
}
