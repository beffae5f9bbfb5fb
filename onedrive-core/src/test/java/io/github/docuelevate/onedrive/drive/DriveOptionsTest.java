package io.github.docuelevate.onedrive.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DriveOptionsTest {

  @Test
  void defaults_followGraphsFragmentRules() {
    DriveOptions options = DriveOptions.defaults();
    assertThat(options.fragmentSize() % DriveOptions.FRAGMENT_UNIT).isZero();
    assertThat(options.fragmentSize()).isEqualTo(10 * 1024 * 1024);
    assertThat(DriveOptions.MAX_FRAGMENT_SIZE).isLessThan(60 * 1024 * 1024);
    assertThat(DriveOptions.MAX_FRAGMENT_SIZE % DriveOptions.FRAGMENT_UNIT).isZero();
    assertThat(options.userAgent()).startsWith("onedrive-java/");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1000, 327_681, 60 * 1024 * 1024, 192 * 327_680})
  void fragmentSize_refusesSizesGraphWouldRefuse(int size) {
    assertThatThrownBy(() -> DriveOptions.builder().fragmentSize(size))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("320 KiB");
    assertThatThrownBy(() -> UploadOptions.builder().fragmentSize(size))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fragmentSize_acceptsMultiplesOf320KiBBelow60MiB() {
    assertThat(DriveOptions.builder().fragmentSize(327_680).build().fragmentSize())
        .isEqualTo(327_680);
    assertThat(DriveOptions.builder().fragmentSize(191 * 327_680).build().fragmentSize())
        .isEqualTo(191 * 327_680);
  }

  @Test
  void userAgent_isDecoratedTheWayMicrosoftAsks() {
    DriveOptions options = DriveOptions.builder().userAgent("Contoso", "DocSync", "1.2.3").build();
    assertThat(options.userAgent()).startsWith("ISV|Contoso|DocSync/1.2.3 onedrive-java/");
    assertThatThrownBy(() -> DriveOptions.builder().userAgent("Con|toso", "a", "1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DriveOptions.builder().userAgent("Contoso", "Doc Sync", "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void simpleUploadLimit_isAtMost4MiB() {
    assertThatThrownBy(() -> DriveOptions.builder().simpleUploadLimit(4 * 1024 * 1024 + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DriveOptions.builder().simpleUploadLimit(0).build().simpleUploadLimit()).isZero();
  }

  @Test
  void fileFragmentSize_isAnEighthOfTheFileRoundedUpBetweenTheFragmentAndTheLargeFileSize() {
    DriveOptions options = DriveOptions.defaults();
    int unit = DriveOptions.FRAGMENT_UNIT;
    assertThat(options.largeFileFragmentSize())
        .isEqualTo(DriveOptions.DEFAULT_LARGE_FILE_FRAGMENT_SIZE)
        .isEqualTo(40 * 1024 * 1024);
    assertThat(options.fileFragmentSize(50L * 1024 * 1024)).isEqualTo(options.fragmentSize());
    assertThat(options.fileFragmentSize(256L * 1024 * 1024)).isEqualTo(103 * unit);
    assertThat(options.fileFragmentSize(100L * unit * 8 + 8)).isEqualTo(101 * unit);
    assertThat(options.fileFragmentSize(1L << 30)).isEqualTo(40 * 1024 * 1024);
    assertThat(
            DriveOptions.builder()
                .largeFileFragmentSize(DriveOptions.DEFAULT_FRAGMENT_SIZE)
                .build()
                .fileFragmentSize(1L << 30))
        .isEqualTo(DriveOptions.DEFAULT_FRAGMENT_SIZE);
    assertThatThrownBy(() -> DriveOptions.builder().largeFileFragmentSize(60 * 1024 * 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("320 KiB");
  }

  @Test
  void uploadOptions_recordAFilesModifiedTimeOnlyWithASessionByDefault() {
    assertThat(UploadOptions.defaults().fileModifiedTime()).isEqualTo(FileModifiedTime.IF_SESSION);
    assertThat(UploadOptions.builder().keepFileModifiedTime(true).build().fileModifiedTime())
        .isEqualTo(FileModifiedTime.ALWAYS);
    UploadOptions never = UploadOptions.builder().keepFileModifiedTime(false).build();
    assertThat(never.fileModifiedTime()).isEqualTo(FileModifiedTime.NEVER);
    assertThat(never.keepFileModifiedTime()).isFalse();
  }
}
