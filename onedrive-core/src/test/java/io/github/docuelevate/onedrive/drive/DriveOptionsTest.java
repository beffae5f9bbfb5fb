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
}
