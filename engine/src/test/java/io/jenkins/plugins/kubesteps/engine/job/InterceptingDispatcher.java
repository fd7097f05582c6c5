package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Records every request the mock API server answers and lets a test answer chosen requests itself
 * (a watch that reports 410 Gone, a create that is forbidden) before the CRUD store sees them.
 */
final class InterceptingDispatcher extends Dispatcher {
    private final Dispatcher store;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Interception> interceptions = new CopyOnWriteArrayList<>();

    private record Interception(
            Predicate<RecordedRequest> when, Function<RecordedRequest, MockResponse> answer, boolean once) {}

    InterceptingDispatcher(Dispatcher store) {
        this.store = store;
    }

    /** The first request matching {@code when} gets {@code answer}; later ones go to the store. */
    void interceptOnce(Predicate<RecordedRequest> when, Function<RecordedRequest, MockResponse> answer) {
        interceptions.add(new Interception(when, answer, true));
    }

    /** Every request matching {@code when} gets {@code answer}. */
    void intercept(Predicate<RecordedRequest> when, Function<RecordedRequest, MockResponse> answer) {
        interceptions.add(new Interception(when, answer, false));
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request.getMethod() + " " + request.getPath());
        for (Interception interception : interceptions) {
            if (interception.when().test(request) && (!interception.once() || interceptions.remove(interception))) {
                return interception.answer().apply(request);
            }
        }
        return store.dispatch(request);
    }

    /** {@code METHOD path?query} of every request so far, in order. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void shutdown() {
        store.shutdown();
    }
}
