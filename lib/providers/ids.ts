/** A Terraform-safe logical id: `<prefix>_<role>`, letters, digits, `_` and `-`, starting with a letter. */
export function logicalId(prefix: string, role: string): string {
  const id = `${prefix}_${role}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}

/** The logical-id prefix of a domain: `example.com.` -> `example_com`. */
export function domainPrefix(origin: string): string {
  return origin.replace(/\.$/, '').replace(/[^A-Za-z0-9]/g, '_');
}
