package dev.certkeeper.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events on certkeeper's objects, so {@code kubectl describe} tells the story.
 * An Event is a courtesy to the reader: it is written in the background, as client-go's recorder
 * writes cert-manager's, so no reconciliation waits for it, and failing to write one (or dropping
 * it when thousands are waiting) never fails a reconciliation. Repeats are counted on the first
 * Event of their series (see {@link EventSeries}).
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "certkeeper";
  /** Events waiting to be written at most; beyond that the API server is far behind and they are dropped. */
  private static final int BACKLOG = 10_000;

  private final KubernetesClient client;
  private final Clock clock;
  private final Executor writer;
  private final EventSeries series = new EventSeries();

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.writer = background();
  }

  private static Executor background() {
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(BACKLOG), runnable -> {
      Thread thread = new Thread(runnable, "event-recorder-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    executor.setRejectedExecutionHandler((dropped, full) -> LOG.warn("dropped an event: {} events are waiting to be written", BACKLOG));
    return executor;
  }

  /** A Normal event. */
  public void normal(HasMetadata object, String reason, String message) {
    record(object, "Normal", reason, message);
  }

  /** A Warning event. */
  public void warning(HasMetadata object, String reason, String message) {
    record(object, "Warning", reason, message);
  }

  private void record(HasMetadata object, String type, String reason, String message) {
    String now = Conditions.timestamp(Instant.now(clock));
    String namespace = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(object.getMetadata().getName() + ".")
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(object.getApiVersion())
                    .withKind(object.getKind())
                    .withName(object.getMetadata().getName())
                    .withNamespace(object.getMetadata().getNamespace())
                    .withUid(object.getMetadata().getUid())
                    .withResourceVersion(object.getMetadata().getResourceVersion())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .build();
    EventSeries.Key key = new EventSeries.Key(namespace, object.getMetadata().getUid(), type, reason, message);
    writer.execute(() -> {
      EventSeries.Series repeats = series.of(key);
      synchronized (repeats) {
        try {
          write(repeats, event, Instant.now(clock));
        } catch (KubernetesClientException e) {
          LOG.warn("could not record event {} on {} {}/{}: {}", reason, object.getKind(), namespace, object.getMetadata().getName(), e.getMessage());
        }
      }
    });
  }

  /** A repeat within the window counts on the series' Event; anything else, or an Event expired meanwhile, is a new one. */
  private void write(EventSeries.Series repeats, Event event, Instant now) {
    String namespace = event.getMetadata().getNamespace();
    if (repeats.continuesAt(now)) {
      int count = repeats.count + 1;
      try {
        // Through an object that only names it: patching withName(...) would GET the Event first, one
        // more request and a verb the chart's role does not grant.
        Event named = new EventBuilder().withNewMetadata().withName(repeats.eventName).withNamespace(namespace).endMetadata().build();
        client.v1().events().resource(named)
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"count\":" + count + ",\"lastTimestamp\":\"" + Conditions.timestamp(now) + "\"}");
        repeats.count = count;
        repeats.last = now;
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
          throw e;
        }
      }
    }
    Event created = client.v1().events().inNamespace(namespace).resource(event).create();
    repeats.eventName = created.getMetadata().getName();
    repeats.count = 1;
    repeats.last = now;
  }
}
