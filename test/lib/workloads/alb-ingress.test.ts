import { AlbIngress, type AlbIngressProps } from '../../../lib/workloads';
import { findOne, render } from '../../util';
import { ownedChart } from './fixtures';

const props: AlbIngressProps = { name: 'web', namespace: 'apps', scheme: 'internal', rootServiceName: 'web', healthCheckPath: '/ready' };
const CERT = 'arn:aws:acm:eu-west-1:333333333333:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';

describe('AlbIngress', () => {
  test('HTTPS with a certificate: both listeners, redirect to 443', () => {
    const chart = ownedChart();
    new AlbIngress(chart, 'ingress', { ...props, certificateArn: CERT, host: 'shop.example.com' });
    const ingress = findOne(render(chart), 'Ingress', 'web');
    expect(ingress).toMatchSnapshot();
    expect(ingress.metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/scheme': 'internal',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/certificate-arn': CERT,
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
      'alb.ingress.kubernetes.io/healthcheck-path': '/ready',
    });
    expect(ingress.spec.rules[0].host).toBe('shop.example.com');
  });

  test('fails when the path is relative', () => {
    expect(() => new AlbIngress(ownedChart(), 'i', { ...props, path: 'api' })).toThrow('AlbIngress web: path = api: must start with /');
  });

  test('fails when the certificate is not an ACM ARN', () => {
    expect(() => new AlbIngress(ownedChart(), 'i', { ...props, certificateArn: 'my-cert' })).toThrow('AlbIngress web: certificateArn = my-cert: must be an ACM certificate ARN');
  });

  test('fails when the group order is out of range', () => {
    expect(() => new AlbIngress(ownedChart(), 'i', { ...props, groupOrder: 5000 })).toThrow('AlbIngress web: groupOrder = 5000: must be an integer from -1000 to 1000');
  });
});
