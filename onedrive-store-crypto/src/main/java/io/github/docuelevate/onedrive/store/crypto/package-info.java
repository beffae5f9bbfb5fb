/**
 * Encryption at rest for token stores: {@link
 * io.github.docuelevate.onedrive.store.crypto.RecordEncryption} seals every secret field of a
 * record with a Tink AEAD bound to its owner, integration and field; {@link
 * io.github.docuelevate.onedrive.store.crypto.Keysets} generates, rotates, loads and saves the
 * keysets it uses; {@link io.github.docuelevate.onedrive.store.crypto.EncryptedTokenStore} adds key
 * usage and re-encryption to a store. For store implementations, {@link
 * io.github.docuelevate.onedrive.store.crypto.RecordCodec} turns a record into the {@link
 * io.github.docuelevate.onedrive.store.crypto.EncodedRecord} to keep and back, and {@link
 * io.github.docuelevate.onedrive.store.crypto.Reencryption} runs the re-encryption loop.
 */
@NullMarked
package io.github.docuelevate.onedrive.store.crypto;

import org.jspecify.annotations.NullMarked;
