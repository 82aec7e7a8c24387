/** What this code reads of an issuer's OpenID Connect discovery document. */
export interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri?: string;
}

/** The issuer's discovery document; rejects when it does not answer with one within 5 s. */
export const discover = async (issuer: string): Promise<Discovery> => {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`the discovery document of ${issuer} answered ${response.status}`);
  return (await response.json()) as Discovery;
};
