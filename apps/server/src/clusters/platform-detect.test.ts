import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPlatform } from './platform-detect.ts';

const detect = (gitVersion: string, nodes: object[] = [], apiGroups: string[] = []) =>
  detectPlatform({ gitVersion, nodes, apiGroups }).platform;

test('platforms are told by version suffix, node labels, providerID and API groups', () => {
  assert.equal(detect('v1.30.4-eks-a737599'), 'eks');
  assert.equal(detect('v1.30.5-gke.1014001'), 'gke');
  assert.equal(detect('v1.31.1+k3s1'), 'k3s');
  assert.equal(detect('v1.31.1+rke2r1'), 'rke2');
  assert.equal(detect('v1.30.3', [{ providerID: 'azure:///subscriptions/x' }]), 'aks');
  assert.equal(detect('v1.30.3', [{ labels: { 'kubernetes.azure.com/cluster': 'mc_x' } }]), 'aks');
  assert.equal(
    detect('v1.29.6+f67aeb3', [{ providerID: 'aws:///us-east-1a/i-1' }], ['config.openshift.io']),
    'openshift',
  );
  assert.equal(detect('v1.31.0', [{ providerID: 'kind://docker/kind/kind-control-plane' }]), 'kind');
  assert.equal(detect('v1.31.0', [{ labels: { 'minikube.k8s.io/name': 'minikube' } }]), 'minikube');
  assert.equal(detect('v1.37.2', [{ annotations: { 'kwok.x-k8s.io/node': 'fake' } }]), 'kwok');
  assert.equal(detect('v1.31.0', [{ providerID: 'aws:///x' }]), 'unknown');
  assert.deepEqual(
    detectPlatform({ gitVersion: 'v1.30.4-eks-1', nodes: [], apiGroups: [] }).evidence,
    'version v1.30.4-eks-1',
  );
});
