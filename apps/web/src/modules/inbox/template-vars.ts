import type { Mention, TemplateVariable, User } from '@earshot/contracts';
import { isHttpUrl } from '../../shared/url/is-http-url';

/**
 * The values a template's variables take for this mention and agent. A value that is not
 * known is left out (undefined), so the template's fallback applies or the renderer names
 * the variable as missing, never an empty hole.
 */
export function templateVars(
  mention: Mention,
  agent: Pick<User, 'firstName' | 'signature'>,
  brandName: string | null,
): Partial<Record<TemplateVariable, string>> {
  const vars: Partial<Record<TemplateVariable, string>> = {};
  const name = mention.author.displayName?.trim();
  if (name) vars['author.name'] = name;
  if (mention.author.handle) vars['author.handle'] = mention.author.handle;
  if (agent.firstName.trim()) vars['agent.first_name'] = agent.firstName.trim();
  if (agent.signature.trim()) vars['agent.signature'] = agent.signature.trim();
  if (brandName) vars['brand.name'] = brandName;
  if (mention.url && isHttpUrl(mention.url)) vars['mention.url'] = mention.url;
  return vars;
}
