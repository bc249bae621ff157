import type { ObjectLiteral, Repository } from 'typeorm';

export interface PlanNode { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] }

/** Every (node type, relation) of a plan tree. */
export function nodesOf(node: PlanNode): { type: string; relation?: string }[] {
  return [{ type: node['Node Type'], relation: node['Relation Name'] }, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/** The repository as the app builds it, recording each statement it sends so a spec can count and EXPLAIN exactly that. */
export function recording<T extends ObjectLiteral>(repo: Repository<T>, sent: { sql: string; params: unknown[] }[]): Repository<T> {
  return new Proxy(repo, {
    get(target, prop, receiver) {
      if (prop === 'query') return (sql: string, params: unknown[] = []) => {
        sent.push({ sql, params });
        return target.query(sql, params);
      };
      return Reflect.get(target, prop, receiver);
    },
  });
}
