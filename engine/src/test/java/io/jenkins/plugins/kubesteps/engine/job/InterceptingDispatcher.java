package io.jenkins.plugins.kubesteps.engine.job;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Records every request the mock API server answers and lets a test answer chosen requests itself
 * (a watch that reports 410 Gone, a create that is forbidden) before the CRUD store sees them.
 *
 * <p>A watch of the store that closes is told so off the server's event loop and while the store
 * answers nothing else. fabric8's WatchEventsListener.onClosed shuts its sender down, waits for
 * the events it still has to send, and only then leaves the store's list of watches: on the event
 * loop the wait held up that loop's other connections, and a change made in between (the DELETE
 * of the run that just closed its watches) was told to the dead sender, which threw; the store
 * never answered, and the client gave up after its 10 s request timeout. So a test may end a run,
 * which closes its watches, at any moment.
 */
final class InterceptingDispatcher extends Dispatcher {
    private final Dispatcher store;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Interception> interceptions = new CopyOnWriteArrayList<>();
    /** Held while the store answers and while one of its watches closes. */
    private final Object storeLock = new Object();

    private final ExecutorService closings = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mock-watch-closings");
        t.setDaemon(true);
        return t;
    });

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
        MockResponse response;
        synchronized (storeLock) {
            response = store.dispatch(request);
        }
        WebSocketListener watch = response.getWebSocketListener();
        return watch == null ? response : response.withWebSocketUpgrade(new ClosedElsewhere(watch));
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
        closings.shutdown();
    }

    /** A store's watch, told of its end on a thread of its own. */
    private final class ClosedElsewhere extends WebSocketListener {
        private final WebSocketListener watch;

        ClosedElsewhere(WebSocketListener watch) {
            this.watch = watch;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            watch.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            watch.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            watch.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            watch.onMessage(webSocket, bytes);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            watch.onMessage(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            watch.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            elsewhere(() -> watch.onClosed(webSocket, code, reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            elsewhere(() -> watch.onFailure(webSocket, t, response));
        }

        private void elsewhere(Runnable end) {
            Runnable alone = () -> {
                synchronized (storeLock) {
                    end.run();
                }
            };
            try {
                closings.execute(alone);
            } catch (RejectedExecutionException e) {
                // the server is shutting down: nothing else waits for its event loop
                alone.run();
            }
        }
    }
}
