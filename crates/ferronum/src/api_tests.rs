//! Tests through the engine's public API (as a user crate names it): broadcasting, promotion,
//! kernels on views, and identical results whatever the thread count. They live in the library
//! so `cargo test --lib` compiles the crate once, not once more for an integration test.

use crate as ferronum;

use ferronum::ops::einsum::einsum;
use ferronum::ops::reduce::sum;
use ferronum::ops::ufunc::{binary, unary, BinaryOp, Operand, UnaryOp};
use ferronum::{parallel, Array, DType, Error, IndexItem, Scalar};

fn arange_i64(n: i64, shape: &[usize]) -> Array {
    Array::from_vec((0..n).collect::<Vec<i64>>(), shape).unwrap()
}

#[test]
fn broadcasting_binary_ops() {
    let a = arange_i64(6, &[2, 3]);
    let col = Array::from_vec(vec![10i64, 20], &[2, 1]).unwrap();
    let r = binary(
        BinaryOp::Add,
        Operand::Array(&a),
        Operand::Array(&col),
        None,
    )
    .unwrap();
    assert_eq!(r.shape(), &[2, 3]);
    assert_eq!(r.to_vec::<i64>(), vec![10, 11, 12, 23, 24, 25]);
    let bad = arange_i64(4, &[4]);
    let e = binary(
        BinaryOp::Add,
        Operand::Array(&a),
        Operand::Array(&bad),
        None,
    )
    .unwrap_err();
    assert!(matches!(e, Error::Value(_)));
}

#[test]
fn promotion_and_weak_scalars() {
    let i8s = Array::from_vec(vec![1i8, 2, 3], &[3]).unwrap();
    let u8s = Array::from_vec(vec![1u8, 2, 3], &[3]).unwrap();
    let r = binary(
        BinaryOp::Add,
        Operand::Array(&i8s),
        Operand::Array(&u8s),
        None,
    )
    .unwrap();
    assert_eq!(r.dtype(), DType::I16);
    let r = binary(
        BinaryOp::Multiply,
        Operand::Array(&i8s),
        Operand::Scalar(Scalar::Int(2)),
        None,
    )
    .unwrap();
    assert_eq!(r.dtype(), DType::I8);
    let r = binary(
        BinaryOp::Multiply,
        Operand::Array(&i8s),
        Operand::Scalar(Scalar::Float(0.5)),
        None,
    )
    .unwrap();
    assert_eq!(r.dtype(), DType::F64);
    let r = binary(
        BinaryOp::TrueDivide,
        Operand::Array(&i8s),
        Operand::Array(&i8s),
        None,
    )
    .unwrap();
    assert_eq!(r.dtype(), DType::F64);
    assert_eq!(
        unary(UnaryOp::Sqrt, &i8s, None).unwrap().dtype(),
        DType::F16
    );
    let e = binary(
        BinaryOp::Add,
        Operand::Array(&i8s),
        Operand::Scalar(Scalar::Int(1000)),
        None,
    )
    .unwrap_err();
    assert!(matches!(e, Error::Overflow(_)));
    let lt = binary(
        BinaryOp::Less,
        Operand::Array(&u8s),
        Operand::Scalar(Scalar::Int(-1)),
        None,
    )
    .unwrap();
    assert_eq!(lt.to_vec::<bool>(), vec![false; 3]);
}

#[test]
fn kernels_on_negative_stride_views() {
    let a = Array::from_vec((0..12).map(|x| x as f64).collect::<Vec<_>>(), &[3, 4]).unwrap();
    let rev = a
        .index(&[
            IndexItem::Slice {
                start: None,
                stop: None,
                step: Some(-1),
            },
            IndexItem::Slice {
                start: None,
                stop: None,
                step: Some(-2),
            },
        ])
        .unwrap();
    assert_eq!(rev.shape(), &[3, 2]);
    let sq = unary(UnaryOp::Square, &rev, None).unwrap();
    assert_eq!(sq.to_vec::<f64>(), vec![121.0, 81.0, 49.0, 25.0, 9.0, 1.0]);
    let s = sum(&rev, Some(&[0]), false, None).unwrap();
    assert_eq!(s.to_vec::<f64>(), vec![21.0, 15.0]);
}

#[test]
fn in_place_with_overlap_reads_inputs_first() {
    let a = arange_i64(5, &[5]);
    let dst = a
        .index(&[IndexItem::Slice {
            start: Some(1),
            stop: None,
            step: None,
        }])
        .unwrap();
    let src = a
        .index(&[IndexItem::Slice {
            start: None,
            stop: Some(-1),
            step: None,
        }])
        .unwrap();
    binary(
        BinaryOp::Add,
        Operand::Array(&dst),
        Operand::Array(&src),
        Some(&dst),
    )
    .unwrap();
    assert_eq!(a.to_vec::<i64>(), vec![0, 1, 3, 5, 7]);
}

#[test]
fn results_do_not_depend_on_thread_count() {
    let n = 1 << 20;
    let a = Array::from_vec(
        (0..n)
            .map(|i| (i % 1000) as f64 * 0.001)
            .collect::<Vec<_>>(),
        &[1024, 1024],
    )
    .unwrap();
    let run = || {
        let b = binary(
            BinaryOp::Multiply,
            Operand::Array(&a),
            Operand::Scalar(Scalar::Float(3.0)),
            None,
        )
        .unwrap();
        let rows = sum(&b, Some(&[1]), false, None).unwrap().to_vec::<f64>();
        let cols = sum(&b, Some(&[0]), false, None).unwrap().to_vec::<f64>();
        let dots = einsum("ij,ij->i", &[&b, &b]).unwrap().to_vec::<f64>();
        (b.to_vec::<f64>(), rows, cols, dots)
    };
    parallel::set_num_threads(1);
    let one = run();
    parallel::set_num_threads(4);
    let four = run();
    parallel::set_num_threads(parallel::default_threads());
    assert_eq!(one.0, four.0);
    assert_eq!(one.1, four.1);
    assert_eq!(one.2, four.2);
    assert_eq!(one.3, four.3);
}

#[test]
fn every_dtype_round_trips_through_casts() {
    let src = Array::from_vec(vec![0.0f64, 1.0, 2.0, 3.0], &[4]).unwrap();
    for dt in DType::ALL {
        let c = src.astype(dt).unwrap();
        assert_eq!(c.dtype(), dt);
        let back = c.astype(DType::F64).unwrap().to_vec::<f64>();
        let want: Vec<f64> = if dt == DType::Bool {
            vec![0.0, 1.0, 1.0, 1.0]
        } else {
            vec![0.0, 1.0, 2.0, 3.0]
        };
        assert_eq!(back, want, "{dt}");
        let s = sum(&c, None, false, None).unwrap();
        assert_eq!(
            s.item().unwrap().to_f64(),
            if dt == DType::Bool { 3.0 } else { 6.0 },
            "{dt}"
        );
    }
}

#[test]
fn allocation_failure_is_an_error_not_an_abort() {
    let e = Array::zeros(&[1 << 40, 1 << 30], DType::F64).unwrap_err();
    assert!(matches!(e, Error::Value(_) | Error::Memory(_)));
    let e = Array::zeros(&[1 << 45], DType::F64).unwrap_err();
    assert!(matches!(e, Error::Memory(_) | Error::Value(_)));
}
