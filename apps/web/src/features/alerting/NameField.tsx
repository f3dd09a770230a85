import { Form, Input } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

/** The DNS-label names rules, receivers, policies and inspection configurations take. */
const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A document's name field: required, a DNS label, fixed once the document exists. */
export function NameField(props: {
  label: ReactNode;
  required: string;
  invalid: string;
  /** The document exists: its name is its address and cannot change. */
  locked: boolean;
  extra?: ReactNode;
  style?: CSSProperties;
}) {
  return (
    <Form.Item
      label={props.label}
      name="name"
      extra={props.extra}
      style={props.style}
      rules={[
        { required: true, message: props.required },
        { pattern: NAME_PATTERN, max: 63, message: props.invalid },
      ]}
    >
      <Input disabled={props.locked} autoComplete="off" />
    </Form.Item>
  );
}
