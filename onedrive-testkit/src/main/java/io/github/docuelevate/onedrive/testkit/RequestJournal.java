package io.github.docuelevate.onedrive.testkit;

import io.github.docuelevate.onedrive.testkit.internal.journal.JournalRecorder;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The requests the fake received (outside the {@code /_testkit/} control API), oldest first,
 * bounded (the oldest drop out), with secrets masked. Thread-safe; every method reads a snapshot.
 *
 * <pre>{@code
 * assertThat(fake.journal().count("POST", "/common/oauth2/v2.0/token")).isEqualTo(1);
 * }</pre>
 */
public final class RequestJournal {
  private final JournalRecorder recorder;

  RequestJournal(JournalRecorder recorder) {
    this.recorder = recorder;
  }

  /** Returns the recorded requests, oldest first. */
  public List<RecordedRequest> requests() {
    return recorder.entries();
  }

  /**
   * Returns the requests matching a method and path pattern.
   *
   * @param method the method, or {@code *}
   * @param pathPattern {@code *} within a segment, {@code **} across segments
   * @return the matching requests, oldest first
   */
  public List<RecordedRequest> requests(String method, String pathPattern) {
    return requests().stream().filter(r -> r.matches(method, pathPattern)).toList();
  }

  /**
   * Counts the requests matching a method and path pattern.
   *
   * @param method the method, or {@code *}
   * @param pathPattern {@code *} within a segment, {@code **} across segments
   * @return the count
   */
  public long count(String method, String pathPattern) {
    return requests(method, pathPattern).size();
  }

  /**
   * Counts the requests matching a predicate.
   *
   * @param predicate the condition
   * @return the count
   */
  public long count(Predicate<RecordedRequest> predicate) {
    return requests().stream().filter(predicate).count();
  }

  /** Returns the most recent request, if any. */
  public Optional<RecordedRequest> last() {
    List<RecordedRequest> all = requests();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Returns how many requests are kept at most. */
  public int capacity() {
    return recorder.capacity();
  }

  /** Forgets every recorded request. */
  public void clear() {
    recorder.clear();
  }

  @Override
  public String toString() {
    return "RequestJournal" + requests();
  }
}
