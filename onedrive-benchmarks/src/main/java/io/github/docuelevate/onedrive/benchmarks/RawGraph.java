package io.github.docuelevate.onedrive.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The transport's floor: the fewest {@code java.net.http} requests that do the job, with no
 * retries, checks or hashing. A simple upload is one {@code PUT .../content} streaming the file; a
 * large upload creates a session and streams the file's fragments from disk, one {@code PUT} each.
 */
final class RawGraph {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String driveUrl;

  /**
   * Creates the loop.
   *
   * @param driveUrl {@code <graph>/drives/<id>}
   */
  RawGraph(String driveUrl) {
    this.driveUrl = driveUrl;
  }

  /** Uploads a file with one {@code PUT}, replacing what is there. */
  void simplePut(Path file, String path, String token) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(driveUrl + "/root:/" + encode(path) + ":/content"))
            .header("Authorization", "Bearer " + token)
            .PUT(BodyPublishers.ofFile(file))
            .build();
    expect2xx(http.send(request, BodyHandlers.discarding()).statusCode(), "simple PUT");
  }

  /**
   * Uploads a file through an upload session in fragments of {@code fragment} bytes, each streamed
   * from the file.
   *
   * @return how many requests it took
   */
  int fragmentUpload(Path file, String path, String token, int fragment)
      throws IOException, InterruptedException {
    HttpRequest create =
        HttpRequest.newBuilder(
                URI.create(driveUrl + "/root:/" + encode(path) + ":/createUploadSession"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(
                BodyPublishers.ofString(
                    "{\"item\":{\"@microsoft.graph.conflictBehavior\":\"replace\"}}"))
            .build();
    HttpResponse<byte[]> session = http.send(create, BodyHandlers.ofByteArray());
    expect2xx(session.statusCode(), "createUploadSession");
    JsonNode answer = JSON.readTree(session.body());
    URI uploadUrl = URI.create(answer.path("uploadUrl").asText());
    int requests = 1;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      for (long start = 0; start < size; start += fragment) {
        long length = Math.min(fragment, size - start);
        long from = start;
        HttpRequest put =
            HttpRequest.newBuilder(uploadUrl)
                .header("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + size)
                .PUT(
                    BodyPublishers.fromPublisher(
                        BodyPublishers.ofInputStream(() -> new RangeStream(channel, from, length)),
                        length))
                .build();
        expect2xx(http.send(put, BodyHandlers.discarding()).statusCode(), "fragment PUT");
        requests++;
      }
    }
    return requests;
  }

  static String encode(String path) {
    return URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
  }

  private static void expect2xx(int status, String what) {
    if (status / 100 != 2) {
      throw new IllegalStateException(what + " answered HTTP " + status);
    }
  }

  /** Reads {@code length} bytes of a file from {@code start}, positional, without a copy. */
  private static final class RangeStream extends InputStream {
    private final FileChannel channel;
    private long position;
    private final long end;

    RangeStream(FileChannel channel, long start, long length) {
      this.channel = channel;
      this.position = start;
      this.end = start + length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= end) {
        return -1;
      }
      int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }
  }
}
