package io.github.docuelevate.onedrive.spring;

import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code onedrive.store.type} is unset, {@code auto}, or the store's own type. */
abstract class StoreTypeCondition implements Condition {
  private final OneDriveProperties.StoreType type;

  StoreTypeCondition(OneDriveProperties.StoreType type) {
    this.type = type;
  }

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String value = context.getEnvironment().getProperty("onedrive.store.type", "auto");
    String normalized = value.strip().toUpperCase(Locale.ROOT);
    return normalized.equals(type.name())
        || (type != OneDriveProperties.StoreType.MEMORY
            && normalized.equals(OneDriveProperties.StoreType.AUTO.name()));
  }

  /** The JDBC store's condition. */
  static final class Jdbc extends StoreTypeCondition {
    Jdbc() {
      super(OneDriveProperties.StoreType.JDBC);
    }
  }

  /** The file store's condition. */
  static final class File extends StoreTypeCondition {
    File() {
      super(OneDriveProperties.StoreType.FILE);
    }
  }

  /** The in-memory store's condition. */
  static final class Memory extends StoreTypeCondition {
    Memory() {
      super(OneDriveProperties.StoreType.MEMORY);
    }
  }
}
