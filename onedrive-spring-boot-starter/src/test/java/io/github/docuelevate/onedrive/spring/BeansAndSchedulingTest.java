package io.github.docuelevate.onedrive.spring;

import static io.github.docuelevate.onedrive.spring.StarterTestSupport.runner;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.docuelevate.onedrive.KeepAliveReport;
import io.github.docuelevate.onedrive.OneDrive;
import io.github.docuelevate.onedrive.OneDriveConfig;
import io.github.docuelevate.onedrive.drive.Disposition;
import io.github.docuelevate.onedrive.drive.FileHandler;
import io.github.docuelevate.onedrive.spi.TokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeansAndSchedulingTest {

  @Test
  void applicationBeans_winOverTheStartersOwn() {
    TokenStore store = TokenStore.inMemory();
    OneDriveConfig config =
        OneDriveConfig.builder().clientId(StarterTestSupport.CLIENT_ID).tenant("consumers").build();
    OneDrive own = OneDrive.builder(config).tokenStore(TokenStore.inMemory()).build();
    OneDriveScheduler.Listener listener = new OneDriveScheduler.Listener() {};
    runner()
        .withBean(TokenStore.class, () -> store)
        .withBean(OneDriveConfig.class, () -> config)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(TokenStore.class)).isSameAs(store);
              assertThat(context.getBean(OneDrive.class).config()).isSameAs(config);
            });
    runner()
        .withPropertyValues("onedrive.store.type=memory")
        .withBean(OneDrive.class, () -> own)
        .withBean("oneDriveHealthIndicator", Object.class, () -> "the application's")
        .withBean(OneDriveMeterBinder.class, () -> new OneDriveMeterBinder(store))
        .withBean(OneDriveScheduler.Listener.class, () -> listener)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(OneDrive.class)).isSameAs(own);
              assertThat(context.getBean("oneDriveHealthIndicator")).isEqualTo("the application's");
              assertThat(context).hasSingleBean(OneDriveMeterBinder.class);
            });
  }

  @Test
  void builderCustomizers_areApplied() {
    List<OneDrive.Builder> seen = new ArrayList<>();
    runner()
        .withPropertyValues("onedrive.store.type=memory")
        .withBean(OneDriveBuilderCustomizer.class, () -> seen::add)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(seen).hasSize(1);
            });
  }

  @Test
  void keepAlive_isScheduledWithTheConfiguredInterval() {
    runner()
        .withPropertyValues(
            "onedrive.store.type=memory",
            "onedrive.keep-alive.interval=6h",
            "onedrive.keep-alive.initial-delay=30s")
        .run(
            context ->
                assertThat(context.getBean(OneDriveScheduler.class).tasks())
                    .containsExactly(
                        new OneDriveScheduler.Task(
                            "keep-alive", Duration.ofSeconds(30), Duration.ofHours(6))));
  }

  @Test
  void keepAlive_canBeDisabled_andSchedulingAsAWhole() {
    runner()
        .withPropertyValues("onedrive.store.type=memory", "onedrive.keep-alive.enabled=false")
        .run(context -> assertThat(context.getBean(OneDriveScheduler.class).tasks()).isEmpty());
    runner()
        .withPropertyValues("onedrive.store.type=memory", "onedrive.scheduling.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(OneDriveScheduler.class));
  }

  @Test
  void scheduledKeepAlive_runsTheLibrarysKeepAliveAndTellsListeners() {
    List<KeepAliveReport> reports = new ArrayList<>();
    runner()
        .withPropertyValues("onedrive.store.type=memory")
        .withBean(
            OneDriveScheduler.Listener.class,
            () ->
                new OneDriveScheduler.Listener() {
                  @Override
                  public void keepAliveDone(KeepAliveReport report) {
                    reports.add(report);
                  }
                })
        .run(
            context -> {
              KeepAliveReport report = context.getBean(OneDriveScheduler.class).runKeepAlive();
              assertThat(reports).containsExactly(report);
              assertThat(report.refreshed()).isEmpty();
              assertThat(report.failed()).isEmpty();
            });
  }

  @Test
  void watchFolders_needAFileHandlerBean() {
    runner()
        .withPropertyValues(
            "onedrive.store.type=memory",
            "onedrive.watch.folders=/Inbox,/Scans",
            "onedrive.keep-alive.interval=0s")
        .run(
            context -> {
              assertThat(StarterTestSupport.startupProblems(context))
                  .hasSize(2)
                  .anySatisfy(p -> assertThat(p).contains("keep-alive interval must be positive"))
                  .anySatisfy(
                      p ->
                          assertThat(p).contains("/Inbox, /Scans").contains("no FileHandler bean"));
            });
  }

  @Test
  void watchFolders_andTheIngestFolder_arePolledIntoTheFileHandler() {
    FileHandler handler = file -> Disposition.KEEP;
    runner()
        .withPropertyValues(
            "onedrive.store.type=memory",
            "onedrive.watch.folders=/Scans",
            "onedrive.watch.interval=30s",
            "onedrive.ingest.enabled=true",
            "onedrive.ingest.folder-path=/Inbox",
            "onedrive.keep-alive.enabled=false")
        .withBean(FileHandler.class, () -> handler)
        .run(
            context -> {
              OneDriveScheduler scheduler = context.getBean(OneDriveScheduler.class);
              assertThat(scheduler.folders()).containsExactly("/Scans", "/Inbox");
              assertThat(scheduler.tasks())
                  .extracting(OneDriveScheduler.Task::name, OneDriveScheduler.Task::interval)
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple("watch:/Scans", Duration.ofSeconds(30)),
                      org.assertj.core.groups.Tuple.tuple("watch:/Inbox", Duration.ofSeconds(30)));
              assertThat(scheduler.isRunning()).isTrue();
            });
  }
}
