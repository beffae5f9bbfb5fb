package io.github.docuelevate.onedrive.it.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.docuelevate.onedrive.InvalidDrivePathException;
import io.github.docuelevate.onedrive.drive.UploadSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Names and paths with an unpaired UTF-16 surrogate have no UTF-8 form: an encoder would send
 * {@code ?} instead, so they are refused with the typed path error before any request.
 */
class UnpairedSurrogateTest {
  private static final String LONE_HIGH = "a\uD800b";
  private static final String LONE_LOW = "a\uDC00b";

  private final DriveFixture fixture = new DriveFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void upload_withALoneSurrogateInTheFileName_isRefusedBeforeAnyRequest() {
    assertThatThrownBy(
            () ->
                fixture
                    .integration
                    .uploads()
                    .upload(UploadSource.of(new byte[] {1}), "Docs", LONE_HIGH))
        .isInstanceOfSatisfying(
            InvalidDrivePathException.class,
            e -> {
              assertThat(e.offendingPart()).isEqualTo(LONE_HIGH);
              assertThat(e.getMessage()).contains("UNPAIRED_SURROGATE").contains("U+D800");
            });
    assertThat(fixture.graphRequests()).isEmpty();
  }

  @Test
  void upload_withALoneSurrogateInTheFolderPath_isRefusedBeforeAnyRequest() {
    assertThatThrownBy(
            () ->
                fixture
                    .integration
                    .uploads()
                    .upload(UploadSource.of(new byte[] {1}), "Docs/" + LONE_LOW, "ok.txt"))
        .isInstanceOfSatisfying(
            InvalidDrivePathException.class,
            e -> assertThat(e.offendingPart()).isEqualTo(LONE_LOW));
    assertThat(fixture.graphRequests()).isEmpty();
  }

  @Test
  void ensureFolder_withALoneSurrogate_createsNothing() {
    assertThatThrownBy(() -> fixture.integration.folders().ensureFolder("Docs/" + LONE_HIGH))
        .isInstanceOf(InvalidDrivePathException.class);
    assertThat(fixture.graphRequests()).isEmpty();
    assertThat(fixture.fake.drives().find(fixture.driveId, "Docs/a?b")).isEmpty();
  }

  @Test
  void aPairedSurrogate_isAnOrdinaryCharacterAndFoundAgainByPath() {
    String emoji = "report \uD83D\uDCC4";

    fixture.integration.folders().ensureFolder("Docs/" + emoji);

    assertThat(fixture.integration.folders().item("Docs/" + emoji).name()).isEqualTo(emoji);
  }
}
