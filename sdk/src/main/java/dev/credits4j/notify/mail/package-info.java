/**
 * Mail for the notify context: {@code MailNotifier}, a {@link dev.credits4j.spi.Notifier} over SMTP
 * (Jakarta Mail), with its settings and templates.
 *
 * <p>Owns no tables. Uses {@code api} and {@code spi} only; used by hosts that send mail.
 */
package dev.credits4j.notify.mail;
