package io.github.docuelevate.onedrive.spring;

import io.github.docuelevate.onedrive.spi.TokenStore;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * What both health auto-configurations (Boot 3 and Boot 4) need besides their Boot's health API: a
 * {@link TokenStore} bean, and {@code management.health.onedrive.enabled} not {@code false}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnBean(TokenStore.class)
@ConditionalOnProperty(
    prefix = "management.health.onedrive",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@interface OneDriveHealthConditions {}
