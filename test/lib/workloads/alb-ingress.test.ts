import { AlbIngress, ALB_TLS_POLICY, type AlbIngressProps } from '../../../lib/workloads';
import { findOne, render } from '../../util';
import { ownedChart } from './fixtures';

const props: AlbIngressProps = { name: 'web', namespace: 'apps', scheme: 'internal', rootServiceName: 'web', healthCheckPath: '/ready' };
const CERT = 'arn:aws:acm:eu-west-1:333333333333:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
const ALB = 'alb.ingress.kubernetes.io';

function annotationsOf(extra: Partial<AlbIngressProps>): Record<string, string> {
  const chart = ownedChart();
  new AlbIngress(chart, 'ingress', { ...props, ...extra });
  return findOne(render(chart), 'Ingress', 'web').metadata!.annotations as Record<string, string>;
}

describe('AlbIngress', () => {
  test('HTTPS with a certificate: both listeners, HTTP redirects to 443, TLS 1.2+ policy, web ACL by name', () => {
    const chart = ownedChart();
    new AlbIngress(chart, 'ingress', { ...props, certificateArn: CERT, host: 'shop.example.com', webAclName: 'platform-prod-alb' });
    const ingress = findOne(render(chart), 'Ingress', 'web');
    expect(ingress).toMatchSnapshot();
    expect(ingress.metadata.annotations).toMatchObject({
      [`${ALB}/scheme`]: 'internal',
      [`${ALB}/listen-ports`]: '[{"HTTP":80},{"HTTPS":443}]',
      [`${ALB}/certificate-arn`]: CERT,
      [`${ALB}/ssl-policy`]: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      [`${ALB}/ssl-redirect`]: '443',
      [`${ALB}/wafv2-acl-name`]: 'platform-prod-alb',
      [`${ALB}/healthcheck-path`]: '/ready',
    });
    expect(ingress.spec.rules[0].host).toBe('shop.example.com');
  });

  test('a stricter TLS policy can be chosen', () => {
    expect(annotationsOf({ certificateArn: CERT, sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' })[`${ALB}/ssl-policy`]).toBe('ELBSecurityPolicy-TLS13-1-3-2021-06');
  });

  test('without a certificate: HTTP only, no TLS annotations', () => {
    const annotations = annotationsOf({});
    expect(annotations[`${ALB}/listen-ports`]).toBe('[{"HTTP":80}]');
    for (const key of ['certificate-arn', 'ssl-policy', 'ssl-redirect', 'wafv2-acl-name']) expect(annotations[`${ALB}/${key}`]).toBeUndefined();
  });

  test('the default TLS policy refuses TLS 1.0 and 1.1', () => {
    expect(ALB_TLS_POLICY).toMatch(/^ELBSecurityPolicy-TLS13-1-2-/);
  });

  test('fails when the path is relative', () => {
    expect(() => new AlbIngress(ownedChart(), 'i', { ...props, path: 'api' })).toThrow('AlbIngress web: path = api: must start with /');
  });

  test('fails when the certificate is not an ACM ARN', () => {
    expect(() => new AlbIngress(ownedChart(), 'i', { ...props, certificateArn: 'my-cert' })).toThrow('AlbIngress web: certificateArn = my-cert: must be an ACM certificate ARN');
  });

  test('fails when the TLS policy accepts TLS 1.0', () => {
    expect(() => new AlbIngress(ownedChart(), 'i', { ...props, certificateArn: CERT, sslPolicy: 'ELBSecurityPolicy-2016-08' })).toThrow(
      'AlbIngress web: sslPolicy = ELBSecurityPolicy-2016-08: must be an ELB security policy that refuses TLS older than 1.2',
    );
  });

  test('fails when a TLS policy is given without a certificate', () => {
    expect(() => new AlbIngress(ownedChart(), 'i', { ...props, sslPolicy: ALB_TLS_POLICY })).toThrow(`AlbIngress web: sslPolicy = ${ALB_TLS_POLICY}: applies to the HTTPS listener only`);
  });

  test('fails when the web ACL name is not a WAFv2 name', () => {
    expect(() => new AlbIngress(ownedChart(), 'i', { ...props, webAclName: 'prod acl' })).toThrow('AlbIngress web: webAclName = prod acl: must be a WAFv2 web ACL name');
  });

  test('fails when the group order is out of range', () => {
    expect(() => new AlbIngress(ownedChart(), 'i', { ...props, groupOrder: 5000 })).toThrow('AlbIngress web: groupOrder = 5000: must be an integer from -1000 to 1000');
  });
});
