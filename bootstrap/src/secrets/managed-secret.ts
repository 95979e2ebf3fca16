import { EphemeralAwsSecretsmanagerRandomPassword } from '@cdktn/provider-aws/lib/ephemeral-aws-secretsmanager-random-password';
import { SecretsmanagerSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktn/provider-aws/lib/secretsmanager-secret-version';
import { Construct } from 'constructs';
import type { EncryptionKey } from '../security/encryption-key';

/** Prefix of every value a person still has to fill in; the bootstrap's outputs list them. */
export const PLACEHOLDER_PREFIX = 'REPLACE_ME: ';

/** Where one JSON property of a secret gets its value. */
export type SecretProperty =
  /** A value the platform chooses (a user name). */
  | { readonly fixed: string }
  /** A random password from Secrets Manager (letters and digits), written once, never kept in state. */
  | { readonly generated: { readonly length?: number } }
  /** Something only a person has (a webhook URL, a routing key): a marked placeholder until filled in. */
  | { readonly placeholder: string };

export interface ManagedSecretProps {
  /** Secrets Manager name, e.g. `prod/demo/postgres`. */
  readonly secretName: string;
  readonly description: string;
  /** Customer-managed key the secret is encrypted with. */
  readonly encryptionKey: EncryptionKey;
  /** The secret's JSON object, property by property. */
  readonly properties: Readonly<Record<string, SecretProperty>>;
}

const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

/**
 * A Secrets Manager secret holding one JSON object, created with its first value so the
 * ExternalSecrets reading it find it on their first sync. Generated passwords come from an
 * ephemeral `aws_secretsmanager_random_password` and go through the write-only `secret_string_wo`
 * (written once, at version 1; never in the plan or state). A secret with placeholders is written
 * as `secret_string` and its later value is ignored, so what a person fills in is never
 * overwritten. A secret mixes generated values and placeholders in neither way: split it.
 */
export class ManagedSecret extends Construct {
  public readonly secret: SecretsmanagerSecret;
  public readonly secretName: string;
  /** Properties a person still has to fill in, with what each should hold. */
  public readonly placeholders: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: ManagedSecretProps) {
    super(scope, id);
    const owner = `ManagedSecret ${props.secretName}`;
    if (!SECRET_NAME.test(props.secretName)) throw new Error(`${owner}: secretName: must be 1-512 letters, digits or /_+=.@- (Secrets Manager rule)`);
    const entries = Object.entries(props.properties).sort(([a], [b]) => a.localeCompare(b));
    if (entries.length === 0) throw new Error(`${owner}: properties is empty: a secret must hold at least one property`);
    const placeholders = entries.filter(([, p]) => 'placeholder' in p);
    const generated = entries.filter(([, p]) => 'generated' in p);
    if (placeholders.length > 0 && generated.length > 0) {
      throw new Error(
        `${owner}: properties mix generated (${generated.map(([k]) => k).join(', ')}) and placeholder (${placeholders.map(([k]) => k).join(', ')}) values: a filled-in secret must not be regenerated, a generated one is written once; split it into two secrets`,
      );
    }
    this.secretName = props.secretName;
    this.placeholders = Object.fromEntries(placeholders.map(([k, p]) => [k, (p as { placeholder: string }).placeholder]));

    this.secret = new SecretsmanagerSecret(this, 'secret', { name: props.secretName, description: props.description, kmsKeyId: props.encryptionKey.arn });

    const value: Record<string, string> = {};
    for (const [property, source] of entries) {
      if ('fixed' in source) value[property] = source.fixed;
      else if ('placeholder' in source) value[property] = `${PLACEHOLDER_PREFIX}${source.placeholder}`;
      else {
        const length = source.generated.length ?? 32;
        if (!Number.isInteger(length) || length < 20 || length > 4096) throw new Error(`${owner}: ${property}.generated.length = ${length}: must be an integer from 20 to 4096`);
        // Letters and digits only: safe inside the JSON document and in connection URLs.
        const password = new EphemeralAwsSecretsmanagerRandomPassword(this, `password-${property}`, { passwordLength: length, excludePunctuation: true, requireEachIncludedType: true });
        value[property] = password.randomPassword;
      }
    }
    const document = JSON.stringify(value);
    if (generated.length > 0) {
      new SecretsmanagerSecretVersion(this, 'value', { secretId: this.secret.id, secretStringWo: document, secretStringWoVersion: 1 });
    } else {
      new SecretsmanagerSecretVersion(this, 'value', {
        secretId: this.secret.id,
        secretString: document,
        // A person replaces the placeholders; Terraform must not put them back.
        lifecycle: placeholders.length > 0 ? { ignoreChanges: ['secret_string'] } : undefined,
      });
    }
  }
}
