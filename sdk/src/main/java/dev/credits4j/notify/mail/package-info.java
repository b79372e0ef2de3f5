/**
 * Mail for the notify context: {@code MailNotifier}, a {@link dev.credits4j.spi.Notifier} over SMTP
 * (Jakarta Mail), with its settings and templates, and the built-in recipient lists ({@code
 * MailRecipients}: the reference WAR's {@code credits4j.mail.to}, the standalone server's {@code
 * CREDITS_MAIL_TO}).
 *
 * <p>Owns no tables. Uses {@code api} and {@code spi} only; used by hosts that send mail.
 */
package dev.credits4j.notify.mail;
