/**
 * A container image reference split the way Docker's reference grammar does: `[registry/]path[:tag][@digest]`.
 * The first path component is a registry only when it has a '.' or a ':' or is 'localhost'; without
 * one the image is Docker Hub's, where a single-component path lives under `library/`.
 */
export interface ImageReference {
  registry?: string;
  path: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageReference {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, path: rest, tag, digest };
}

export function formatImage(reference: ImageReference): string {
  const { registry, path, tag, digest } = reference;
  return `${registry ? `${registry}/` : ''}${path}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

/**
 * The image with its registry and/or tag replaced. A new registry for a Docker Hub image keeps Hub's
 * `library/` path (`nginx` → `mirror.example/library/nginx`), as registry mirrors expect. A new tag
 * drops a digest, which would otherwise pin the old image whatever the tag says.
 */
export function replaceImageParts(image: string, parts: { registry?: string; tag?: string }): string {
  const reference = parseImage(image);
  if (parts.registry !== undefined) {
    if (!reference.registry && !reference.path.includes('/')) reference.path = `library/${reference.path}`;
    reference.registry = parts.registry;
  }
  if (parts.tag !== undefined) {
    reference.tag = parts.tag;
    reference.digest = undefined;
  }
  return formatImage(reference);
}
